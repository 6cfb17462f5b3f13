/** The light define API that asset code imports. The analyzer, runner and store live behind other entry points. */
export { asset, type AssetOptions, type InsMap, type InValues } from "./define/asset";
export { multiAsset, type MultiAssetOptions, type MultiAssetOutput } from "./define/multiAsset";
export { graphAsset, op, type GraphAssetOptions, type Op } from "./define/graphAsset";
export { AssetSpec, type AssetSpecOptions } from "./define/spec";
export { MaterializeResult, type MaterializeResultInit } from "./define/result";
export { MetadataValue, type MetadataInput } from "./define/metadata";
export { defineAssetJob, type AssetJob, type AssetJobOptions } from "./define/job";
export { Definitions, type DefinitionsInit } from "./define/definitions";
export {
  createTestContext,
  type AssetContext,
  type AssetLogger,
  type PartitionKeyRange,
  type TestContextOptions,
  type TimeWindow,
} from "./define/context";
export type { AssetHandle, AssetRef, RetryPolicy, UpstreamRef, PartitionOptions } from "./define/definition";
export {
  DailyPartitionsDefinition,
  DynamicPartitionsDefinition,
  HourlyPartitionsDefinition,
  MonthlyPartitionsDefinition,
  MultiPartitionsDefinition,
  StaticPartitionsDefinition,
  TimeWindowPartitionsDefinition,
  WeeklyPartitionsDefinition,
  type DailyOptions,
  type HourlyOptions,
  type MonthlyOptions,
  type PartitionsDefinition,
  type SinglePartitionsDefinition,
  type TimeWindowOptions,
  type TimeWindowPartitionsOptions,
  type WeeklyOptions,
} from "./define/partitions";
export {
  AllPartitionMapping,
  AssetDep,
  AssetIn,
  IdentityPartitionMapping,
  LastPartitionMapping,
  MultiToSingleDimensionPartitionMapping,
  SpecificPartitionsPartitionMapping,
  StaticPartitionMapping,
  TimeWindowPartitionMapping,
  type AssetInput,
  type PartitionMapping,
} from "./define/mappings";
export type { BackfillPolicy, PartitionMappingData, PartitionsDefinitionData } from "./protocol/partitions";
export { AssetSelection } from "./selection/builder";
export { materialize, type MaterializeOptions, type MaterializeOutcome } from "./run/inProcess";
export { assetCheck, type AssetCheck, type AssetCheckOptions, type CheckOutput } from "./checks/assetCheck";
export {
  multiAssetCheck,
  type AssetCheckSpec,
  type MultiAssetCheck,
  type MultiAssetCheckOptions,
  type MultiAssetCheckOutput,
} from "./checks/multiAssetCheck";
export { AssetCheckResult, type AssetCheckResultInit } from "./checks/assetCheckResult";
export { checks, type BuiltinCheck } from "./checks/builtins";
export { createCheckContext, type CheckContextOptions } from "./checks/checkContext";
export type { CheckOptions } from "./checks/checkSpec";
export type { FreshnessOptions } from "./checks/freshnessPolicy";
export type { AssetCheckContext, CheckHandle } from "./checks/definition";
export {
  defineResource,
  type ResourceDefinition,
  type ResourceOptions,
  type ResourceSetupContext,
  type ResourceValue,
} from "./resources/defineResource";
export { EnvVar, type EnvVarRef } from "./resources/envVar";
export { AutomationCondition } from "./automation/condition";
export { schedule, type Schedule, type ScheduleOptions, type SchedulePartitions } from "./automation/schedule";
export {
  assetSensor,
  runStatusSensor,
  sensor,
  type AssetSensorOptions,
  type FinishedRun,
  type MaterializationEvent,
  type RunStatusSensorOptions,
  type Sensor,
  type SensorContext,
  type SensorOptions,
  type SensorResult,
} from "./automation/sensor";
export { RunRequest, SkipReason, type RunRequestInit } from "./automation/runRequest";
export type { Condition } from "./protocol/automation";
export { inMemoryWarehouse } from "./warehouse/inMemoryWarehouse";
export type { RowOf, StepWarehouse, Table, TableColumn, TableShape } from "./warehouse/table";
