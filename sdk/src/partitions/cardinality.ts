/**
 * One value or many: what a downstream partition reads through a mapping, by kinds alone. `define/inputShape.ts` says
 * the same at the type level; the runner follows this function.
 */
import type { PartitionMappingData, PartitionsDefinitionData, TimeGranularity } from "../protocol/partitions";

export type Cardinality = "one" | "many";

const RANK: Readonly<Record<TimeGranularity, number>> = { hourly: 1, daily: 2, weekly: 3, monthly: 4 };

/** Whether each `downstream` window lies in one `upstream` window: equal periods, or hours and days in coarser ones. */
export function nests(upstream: TimeGranularity, downstream: TimeGranularity): boolean {
  return upstream === downstream || (RANK[downstream] < RANK[upstream] && downstream !== "weekly");
}

/**
 * Whether a downstream partition reads one upstream partition (`T`) or many (`ReadonlyMap<string, T>`): decided by
 * the kinds of mapping and definitions only, never by how many keys happen to map. The typing of `ins` says the same.
 */
export function mappingCardinality(
  mapping: PartitionMappingData,
  upstream: PartitionsDefinitionData | undefined,
  downstream: PartitionsDefinitionData | undefined,
): Cardinality {
  if (upstream === undefined) return "one";
  switch (mapping.type) {
    case "identity":
    case "last":
      return "one";
    case "all":
    case "static":
    case "specific":
      return "many";
    case "multi-to-single":
      return upstream.type === "multi" || downstream === undefined ? "many" : "one";
    case "time-window":
      if (downstream === undefined || mapping.startOffset !== mapping.endOffset) return "many";
      if (upstream.type !== "time-window" || downstream.type !== "time-window") return "one";
      return nests(upstream.granularity, downstream.granularity) ? "one" : "many";
  }
}
