/**
 * The partitions core: keys, windows, selections and mappings over the protocol's plain data. Pure (Luxon for the
 * time-zone database, nothing else); the runner, the analyzer, staleness and the CLI all compute partitions here.
 */
export {
  describeKeys,
  hasPartitionKey,
  keyRange,
  partitionCount,
  partitionIndex,
  partitionKeys,
  partitionTimeWindow,
  timeWindowOf,
  type PartitionContext,
} from "./keys";
export { parsePartitionSelection } from "./selection";
export { defaultMapping, downstreamPartitions, upstreamPartitions, type UpstreamPartitions } from "./mappings";
export { mappingCardinality, type Cardinality } from "./cardinality";
export { definitionProblem, describeDefinition, mappingProblem } from "./problems";
export { joinKey, splitKey } from "./multi";
export type { TimeWindow } from "./timeWindows";
export { partitionKeyProblem } from "./keyRules";
export { dynamicNames } from "./dynamicNames";
