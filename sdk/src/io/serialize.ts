import { createHash } from "node:crypto";

/**
 * Values are stored as JSON. The types JSON would silently change (a Date becomes a string, a Map or Set `{}`, NaN
 * `null`) or refuse (bigint) are written as tagged objects and revived on load, so a downstream asset receives what its
 * upstream returned, from the runner as from the in-memory `materialize()`. Plain data gives the same bytes as
 * `JSON.stringify`, so data versions of plain values never change. `undefined` is stored as `null`.
 */
const TAG = "$assetline";

type Tagged = { [TAG]: "Date" | "BigInt" | "Number"; value: string } | { [TAG]: "Map" | "Set"; value: unknown[] };

class UnstorableValue extends Error {}

function describeKey(key: string): string {
  return key === "" ? "the value" : `the property "${key}"`;
}

/** Runs for every value JSON.stringify meets; `this[key]` is the raw value, before a Date's toJSON turned it into a string. */
function replacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) throw new UnstorableValue(`${describeKey(key)} is an invalid Date`);
    return { [TAG]: "Date", value: raw.toISOString() } satisfies Tagged;
  }
  switch (typeof value) {
    case "object":
      if (value instanceof Map) return { [TAG]: "Map", value: [...value] } satisfies Tagged;
      if (value instanceof Set) return { [TAG]: "Set", value: [...value] } satisfies Tagged;
      return value;
    case "bigint":
      return { [TAG]: "BigInt", value: value.toString() } satisfies Tagged;
    case "number":
      return Number.isFinite(value) ? value : ({ [TAG]: "Number", value: String(value) } satisfies Tagged);
    case "function":
    case "symbol":
      throw new UnstorableValue(`${describeKey(key)} is a ${typeof value}`);
    default:
      return value;
  }
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || !(TAG in value)) return value;
  const tagged = value as Tagged;
  switch (tagged[TAG]) {
    case "Date":
      return new Date(tagged.value);
    case "BigInt":
      return BigInt(tagged.value);
    case "Number":
      return Number(tagged.value);
    case "Map":
      return new Map(tagged.value as [unknown, unknown][]);
    case "Set":
      return new Set(tagged.value);
    default:
      return value;
  }
}

export function serializeValue(key: string, value: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(value ?? null, replacer), "utf8");
  } catch (error) {
    // V8's longest string (about 512 MB as JSON) is a limit of size, not of kind: "plain data" would be wrong advice.
    if (error instanceof RangeError && /string length/i.test(error.message))
      throw new Error(
        `asset "${key}" returned a value too large to store (its JSON is over V8's string limit, about 512 MB): write the data yourself in the asset (a file, a database table) and return a MaterializeResult with its path or row count as metadata, or split it into smaller assets.`,
      );
    throw new Error(
      `asset "${key}" returned a value that cannot be stored as JSON (${(error as Error).message}): return plain data (objects, arrays, strings, numbers, Dates, Maps, Sets, bigints) or store it yourself and return a MaterializeResult without a value.`,
    );
  }
}

export function deserializeValue(bytes: Buffer | string): unknown {
  const text = typeof bytes === "string" ? bytes : bytes.toString("utf8");
  // Reviving costs as much as parsing again: only values that hold a tag pay for it.
  return text.includes(TAG) ? JSON.parse(text, reviver) : JSON.parse(text);
}

/** The SHA-256 of a stored value's bytes (hex): the name it is stored under, and what a load verifies. */
export function contentHash(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A value's default data version: the start of its content hash, so equal values have equal data versions. */
export function dataVersionOf(bytes: Buffer, hash = contentHash(bytes)): string {
  return hash.slice(0, 16);
}
