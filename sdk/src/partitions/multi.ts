/**
 * Multi-partition keys as Dagster's MultiPartitionKey writes them: the dimensions' keys joined with `|`, dimensions
 * sorted by name (the protocol's `dimensions` are already in that order).
 */
import type { MultiPartitions, SinglePartitions } from "../protocol/partitions";

export const SEPARATOR = "|";

export function joinKey(parts: readonly string[]): string {
  return parts.join(SEPARATOR);
}

/** The dimensions' keys of a multi key, or undefined when it has not one part per dimension. */
export function splitKey(definition: MultiPartitions, key: string): string[] | undefined {
  const parts = key.split(SEPARATOR);
  return parts.length === definition.dimensions.length ? parts : undefined;
}

/** The position of dimension `name`, or -1. */
export function dimensionIndex(definition: MultiPartitions, name: string): number {
  return definition.dimensions.findIndex((dimension) => dimension.name === name);
}

/** The dimension whose definition equals `single` (the default multi-to-single mapping's), if exactly one does. */
export function matchingDimension(definition: MultiPartitions, single: SinglePartitions): string | undefined {
  const matches = definition.dimensions.filter((dimension) => sameDefinition(dimension.definition, single));
  return matches.length === 1 ? matches[0]!.name : undefined;
}

/** Equal as data, whatever the order of fields (a definition shared by import is one object; one written twice is equal too). */
export function sameDefinition(a: unknown, b: unknown): boolean {
  return a === b || canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}
