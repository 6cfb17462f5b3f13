/**
 * What is wrong with a definition or a mapping, in one line the analyzer shows as a diagnostic and the runtime throws:
 * the same words wherever it is found. The caller prefixes where (the asset, the edge).
 */
import { IANAZone } from "luxon";
import type { PartitionMappingData, PartitionsDefinitionData, TimeWindowPartitions } from "../protocol/partitions";
import { dynamicNameProblem, partitionKeyProblem, staticKeysProblem } from "./keyRules";
import { mappingCardinality, nests } from "./cardinality";
import { dimensionIndex, sameDefinition } from "./multi";
import { datesProblem, seriesOf } from "./timeWindows";

const MAPPING_NAMES: Readonly<Record<PartitionMappingData["type"], string>> = {
  identity: "IdentityPartitionMapping",
  "time-window": "TimeWindowPartitionMapping",
  all: "AllPartitionMapping",
  last: "LastPartitionMapping",
  static: "StaticPartitionMapping",
  specific: "SpecificPartitionsPartitionMapping",
  "multi-to-single": "MultiToSingleDimensionPartitionMapping",
};

/** Why a definition cannot give partitions (a date that does not parse, a repeated static key…), or undefined. */
export function definitionProblem(definition: PartitionsDefinitionData): string | undefined {
  switch (definition.type) {
    case "time-window":
      return timeWindowProblem(definition);
    case "static":
      return staticKeysProblem(definition.keys);
    case "dynamic":
      return dynamicNameProblem(definition.name);
    case "multi": {
      if (definition.dimensions.length !== 2)
        return `multi partitions need exactly two dimensions (got ${definition.dimensions.length})`;
      for (const { name, definition: dimension } of definition.dimensions) {
        if (name === "" || name.includes("|")) return `the dimension name "${name}" cannot be empty or contain "|"`;
        const problem = definitionProblem(dimension);
        if (problem) return `dimension "${name}": ${problem}`;
      }
      return undefined;
    }
  }
}

function timeWindowProblem(definition: TimeWindowPartitions): string | undefined {
  if (!IANAZone.isValidZone(definition.timezone))
    return `timezone "${definition.timezone}" is not an IANA time zone: use one like "Europe/Paris" or "UTC"`;
  const problem = datesProblem(definition);
  if (problem) return problem;
  // The format must tell windows apart and read back each key it writes (a daily "yyyy-MM" would not).
  const series = seriesOf(definition);
  for (const index of [0, 1, 2]) {
    const key = series.keyAt(index);
    if (series.indexOf(key) !== index)
      return `fmt "${definition.fmt}" does not tell ${definition.granularity} windows apart ("${key}" names more than one): include every field down to the ${unitOf(definition)}`;
    const keyProblem = partitionKeyProblem(key);
    if (keyProblem) return `fmt "${definition.fmt}" writes keys selections cannot name: ${keyProblem}`;
  }
  return undefined;
}

function unitOf(definition: TimeWindowPartitions): string {
  return definition.granularity === "hourly" ? "hour (HH) and minute (mm)" : "day (dd)";
}

/**
 * Why `mapping` cannot map `upstream` partitions to `downstream` ones (kinds that do not meet, keys that do not
 * exist, windows that do not nest where one value is promised), or undefined.
 */
export function mappingProblem(
  mapping: PartitionMappingData,
  upstream: PartitionsDefinitionData | undefined,
  downstream: PartitionsDefinitionData | undefined,
): string | undefined {
  const name = MAPPING_NAMES[mapping.type];
  const aName = `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
  const between = `between ${describeDefinition(upstream)} upstream and ${describeDefinition(downstream)} downstream`;
  if (upstream === undefined)
    return mapping.type === "all"
      ? undefined
      : `${aName} maps partitions, but the upstream is not partitioned: remove the partitionMapping`;
  if (downstream === undefined && ["identity", "time-window", "static", "multi-to-single"].includes(mapping.type))
    return `${aName} needs a partitioned downstream, but it is not partitioned (it reads every upstream partition by default): remove the partitionMapping, or use AllPartitionMapping, LastPartitionMapping or SpecificPartitionsPartitionMapping`;
  switch (mapping.type) {
    case "all":
    case "last":
      return undefined;
    case "specific": {
      if (upstream.type !== "static") return undefined;
      const unknown = notIn(mapping.keys, upstream.keys);
      return unknown.length > 0
        ? `${aName} names ${list(unknown)}, which the upstream's static partitions do not list`
        : undefined;
    }
    case "identity":
      return identityProblem(upstream, downstream!, between);
    case "static": {
      if (upstream.type !== "static" || downstream!.type !== "static")
        return `${aName} maps static partitions to static partitions, not ${between}`;
      const target = downstream as { keys: string[] };
      const unknownFrom = notIn(Object.keys(mapping.map), upstream.keys);
      const unknownTo = notIn(Object.values(mapping.map).flat(), target.keys);
      if (unknownFrom.length > 0) return `${aName} maps ${list(unknownFrom)}, which the upstream does not list`;
      if (unknownTo.length > 0) return `${aName} maps to ${list(unknownTo)}, which the downstream does not list`;
      return undefined;
    }
    case "multi-to-single":
      return multiToSingleProblem(mapping.dimension, upstream, downstream!, aName, between);
    case "time-window": {
      if (upstream.type !== "time-window" || downstream!.type !== "time-window")
        return `${aName} needs time-window partitions on both sides, not ${between}: use another mapping (StaticPartitionMapping, AllPartitionMapping…)`;
      const down = downstream as TimeWindowPartitions;
      if (upstream.timezone !== down.timezone)
        return `${aName} needs one time zone on both sides, but the upstream's is ${upstream.timezone} and the downstream's ${down.timezone}`;
      // One value is promised (the input is typed `T`): each downstream window must lie in one upstream window.
      if (mappingCardinality(mapping, upstream, down) === "one" && !windowsNest(upstream, down))
        return `${down.granularity} windows at ${clock(down)} do not each lie in one ${upstream.granularity} window at ${clock(upstream)}, so a partition would read two: give both the same offsets`;
      return undefined;
    }
  }
}

function identityProblem(
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData,
  between: string,
): string | undefined {
  const keyed = (definition: PartitionsDefinitionData) => definition.type === "static" || definition.type === "dynamic";
  if (keyed(upstream) && keyed(downstream)) {
    if (upstream.type !== "static" || downstream.type !== "static") return undefined;
    const unmatched = notIn(downstream.keys, upstream.keys);
    return unmatched.length > 0
      ? `the downstream's partitions ${list(unmatched)} have no upstream partition of the same key: list them upstream too, or map them with a StaticPartitionMapping`
      : undefined;
  }
  if (upstream.type === "time-window" && downstream.type === "time-window") {
    return upstream.granularity === downstream.granularity && upstream.fmt === downstream.fmt
      ? undefined
      : `an IdentityPartitionMapping maps keys to equal keys, but ${between} write different keys: use TimeWindowPartitionMapping (the default between time windows)`;
  }
  if (upstream.type === "multi" && downstream.type === "multi") {
    const names = (definition: typeof upstream) => definition.dimensions.map((dimension) => dimension.name).join(",");
    return names(upstream) === names(downstream)
      ? undefined
      : `multi partitions with other dimensions (${names(upstream)} upstream, ${names(downstream)} downstream) do not map key to key`;
  }
  if (upstream.type === "multi" || downstream.type === "multi")
    return `no dimension of the multi partitions equals the other side's (${between}): give them a shared definition, or use MultiToSingleDimensionPartitionMapping({ partitionDimensionName })`;
  return `partition keys do not map key to key ${between}: choose a partition mapping (TimeWindowPartitionMapping, StaticPartitionMapping, AllPartitionMapping…)`;
}

function multiToSingleProblem(
  dimension: string,
  upstream: PartitionsDefinitionData,
  downstream: PartitionsDefinitionData,
  aName: string,
  between: string,
): string | undefined {
  const multi = upstream.type === "multi" ? upstream : downstream.type === "multi" ? downstream : undefined;
  const single = multi === upstream ? downstream : upstream;
  if (!multi || single.type === "multi")
    return `${aName} needs multi partitions on one side and single ones on the other, not ${between}`;
  const index = dimensionIndex(multi, dimension);
  if (index < 0)
    return `${aName} names the dimension "${dimension}", but the multi partitions have ${list(multi.dimensions.map((each) => each.name))}`;
  const own = multi.dimensions[index]!.definition;
  if (sameDefinition(own, single)) return undefined;
  const compatible =
    own.type === single.type &&
    (own.type !== "time-window" ||
      (single.type === "time-window" && own.granularity === single.granularity && own.fmt === single.fmt));
  return compatible
    ? undefined
    : `the dimension "${dimension}" has ${describeDefinition(own)}, the other side ${describeDefinition(single)}: their keys do not match`;
}

/** Every boundary of the upstream's windows is one of the downstream's too (same zone assumed). */
function windowsNest(upstream: TimeWindowPartitions, downstream: TimeWindowPartitions): boolean {
  if (!nests(upstream.granularity, downstream.granularity)) return true;
  if (upstream.minuteOffset !== downstream.minuteOffset) return false;
  if (downstream.granularity === "hourly") return true;
  if (upstream.hourOffset !== downstream.hourOffset) return false;
  return upstream.granularity !== downstream.granularity || upstream.dayOffset === downstream.dayOffset;
}

function clock(definition: TimeWindowPartitions): string {
  const time = `${String(definition.hourOffset).padStart(2, "0")}:${String(definition.minuteOffset).padStart(2, "0")}`;
  if (definition.granularity === "weekly") return `${time} on weekday ${definition.dayOffset}`;
  if (definition.granularity === "monthly") return `${time} on day ${definition.dayOffset}`;
  return definition.granularity === "hourly" ? `minute ${definition.minuteOffset}` : time;
}

/** The keys of `keys` that `listed` lacks, through a set: the planner checks a mapping once per step. */
function notIn(keys: readonly string[], listed: readonly string[]): string[] {
  const known = new Set(listed);
  return keys.filter((key) => !known.has(key));
}

function list(keys: readonly string[]): string {
  const shown = keys.slice(0, 5).map((key) => `"${key}"`);
  return keys.length > 5 ? `${shown.join(", ")} and ${keys.length - 5} more` : shown.join(", ");
}

/** "time-window (daily)", "static", "multi (date × region)", "unpartitioned": how messages name a definition. */
export function describeDefinition(definition: PartitionsDefinitionData | undefined): string {
  if (definition === undefined) return "unpartitioned";
  switch (definition.type) {
    case "time-window":
      return `${definition.granularity} partitions`;
    case "static":
      return "static partitions";
    case "dynamic":
      return `dynamic partitions "${definition.name}"`;
    case "multi":
      return `multi partitions (${definition.dimensions.map((dimension) => dimension.name).join(" × ")})`;
  }
}
