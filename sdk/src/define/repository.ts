/**
 * The run-time view of a workspace: every definition found in its loaded modules, keys filled from export names,
 * and the graph they form. The runner executes from it; the parity test compares its graph to the analyzer's.
 */
import { ASSET_KIND_OF, type AssetEdge, type AssetGraph, type AssetNode, type JobInfo } from "../protocol/graph";
import { kindsWithIo } from "../protocol/ioKinds";
import type { PartitionsDefinitionData } from "../protocol/partitions";
import { formatSelectionInput } from "../selection/builder";
import { defaultMapping, definitionProblem, mappingProblem, partitionCount } from "../partitions";
import { Definitions } from "./definitions";
import {
  infoOf,
  isDefinition,
  upstreamEdges,
  upstreamKey,
  type AssetHandle,
  type DefinitionInfo,
  type IOManagerName,
} from "./definition";
import { isAssetJob, type AssetJob } from "./job";
import { assertValidKey, keyingExportName } from "./keys";
import { isCheck, type CheckHandle } from "../checks/definition";
import { collectChecks, type RepositoryCheck } from "../checks/repositoryChecks";
import { collectAutomation, type RepositoryAutomation } from "../automation/repositoryAutomation";
import { isSchedule, type Schedule } from "../automation/schedule";
import { isSensor, type Sensor } from "../automation/sensor";

export interface Repository {
  definitions: DefinitionInfo[];
  /** The definition that produces each key. */
  byKey: Map<string, DefinitionInfo>;
  graph: AssetGraph;
  jobs: AssetJob[];
  /** Every check definition, names and asset keys resolved (the graph's `checks` are their specs). */
  checks: RepositoryCheck[];
  /** The Definitions' resources by key (none without a Definitions). */
  resources: Readonly<Record<string, unknown>>;
  /** Where assets without their own `io` store values: the Definitions' `io` (`"json"` without a Definitions). */
  io: IOManagerName;
  /**
   * The check definition that declares `key` (`asset:name`), or undefined. The runner runs it with
   * `info.execute(input, context)`; a `multiAssetCheck`'s keys all lead to one definition (run it once, for `keys`).
   */
  check(key: string): RepositoryCheck | undefined;
  /** Schedules and sensors, names filled in (the graph's `schedules`/`sensors` are their data). */
  automation: Pick<RepositoryAutomation, "schedules" | "sensors">;
}

/**
 * `modules`: each loaded module's exports, in load order. `definitionsModule`: the index of the definitions file's
 * module, whose `Definitions` counts, as the analyzer's does; else the first loaded module's that has one.
 */
export function buildRepository(modules: Record<string, unknown>[], definitionsModule?: number): Repository {
  const exported = new Map<AssetHandle<unknown>, string>();
  const exportedChecks = new Map<CheckHandle, string>();
  const exportedAutomation = new Map<Schedule | Sensor, string>();
  let definitions: Definitions | undefined;
  const jobs: AssetJob[] = [];
  for (const exports of modules) {
    // A module's own names for each handle; the first module to export a handle names it.
    const names = new Map<AssetHandle<unknown>, string[]>();
    const checkNames = new Map<CheckHandle, string[]>();
    const automationNames = new Map<Schedule | Sensor, string[]>();
    for (const [name, value] of Object.entries(exports)) {
      if (isDefinition(value)) {
        if (!exported.has(value)) names.set(value, [...(names.get(value) ?? []), name]);
      } else if (isCheck(value)) {
        if (!exportedChecks.has(value)) checkNames.set(value, [...(checkNames.get(value) ?? []), name]);
      } else if (isSchedule(value) || isSensor(value)) {
        if (!exportedAutomation.has(value)) automationNames.set(value, [...(automationNames.get(value) ?? []), name]);
      } else if (Definitions.is(value)) definitions ??= value;
      else if (isAssetJob(value) && !jobs.includes(value)) jobs.push(value);
    }
    for (const [handle, list] of names) exported.set(handle, keyingExportName(list)!);
    for (const [handle, list] of checkNames) exportedChecks.set(handle, keyingExportName(list)!);
    for (const [handle, list] of automationNames) exportedAutomation.set(handle, keyingExportName(list)!);
  }
  if (definitionsModule !== undefined)
    definitions =
      Object.values(modules[definitionsModule] ?? {}).find((value): value is Definitions => Definitions.is(value)) ??
      definitions;
  // Keys come from the export name unless the options gave one; specs inside a multi-asset are its members, not externals.
  for (const [handle, name] of exported) {
    const first = infoOf(handle).assets[0]!;
    if (infoOf(handle).type !== "multi-asset" && first.key === undefined) first.key = name;
  }
  const members = new Set<string>();
  for (const handle of exported.keys()) {
    const info = infoOf(handle);
    if (info.type === "multi-asset") for (const member of info.assets) members.add(member.key!);
  }
  const handles = definitions ? [...definitions.assets] : [...exported.keys()];
  const chosen = handles.map(infoOf).filter((info) => !(info.type === "spec" && members.has(info.assets[0]!.key!)));

  const byKey = new Map<string, DefinitionInfo>();
  const nodes: AssetNode[] = [];
  const edges: AssetEdge[] = [];
  for (const info of chosen) {
    for (const asset of info.assets) {
      if (asset.key === undefined) {
        // Only a handle the Definitions list without exporting it can lack a key: its place in `assets` names it.
        const at = handles.findIndex((handle) => infoOf(handle) === info);
        throw new Error(
          `The ${info.type} at \`assets[${at}]\` of the Definitions has no key: export it, or give it a \`key\` option.`,
        );
      }
      const key = assertValidKey(asset.key);
      const other = byKey.get(key);
      if (other)
        throw new Error(
          `Duplicate asset key "${key}": ${definedBy(other, info, exported)}. Rename one of them, or give one a different \`key\` option.`,
        );
      byKey.set(key, info);
      nodes.push({
        key,
        kind: ASSET_KIND_OF[info.type],
        group: asset.group ?? "default",
        tags: asset.tags ?? {},
        // An external asset (a spec alone) stores nothing here, so no IO manager's kinds.
        kinds: info.type === "spec" ? (asset.kinds ?? []) : kindsWithIo(asset.kinds ?? [], info.io ?? definitions?.io),
        owners: asset.owners ?? [],
        ...(asset.description !== undefined && { description: asset.description }),
        codeVersion: asset.codeVersion ?? "",
        ...(info.type === "multi-asset" && {
          multiAsset: { firstKey: info.assets[0]!.key!, canSubset: info.canSubset ?? false },
        }),
        ...(info.partitionsDef && { partitions: countedPartitions(info.partitionsDef, key) }),
        ...(info.backfillPolicy && { backfillPolicy: info.backfillPolicy }),
        ...(asset.freshness && { freshness: asset.freshness }),
        ...(asset.automationCondition && { automationCondition: asset.automationCondition }),
      });
      for (const { ref, kind, mapping } of upstreamEdges(info))
        edges.push({ from: upstreamKey(ref, key), to: key, kind, ...(mapping && { mapping }) });
    }
  }
  checkMappings(edges, byKey);
  const jobList = definitions ? [...definitions.jobs] : jobs;
  const jobInfos: JobInfo[] = jobList.map((job) => ({
    name: job.name,
    selection: formatSelectionInput(job.selection),
  }));
  const checks = collectChecks({
    exported: exportedChecks,
    listed: definitions?.checks ?? [],
    definitions: chosen,
    definitionNames: new Map([...exported].map(([handle, name]) => [infoOf(handle), name])),
    byKey,
  });
  const automation = collectAutomation({
    exported: exportedAutomation,
    schedules: definitions?.schedules ?? [],
    sensors: definitions?.sensors ?? [],
    byKey,
    jobs: jobList.map((job) => job.name),
  });
  const checkByKey = new Map(checks.checks.flatMap((check) => check.keys.map((key) => [key, check] as const)));
  return {
    definitions: chosen,
    byKey,
    graph: {
      nodes,
      edges,
      jobs: jobInfos,
      checks: checks.nodes,
      ...(automation.graph.schedules.length > 0 && { schedules: automation.graph.schedules }),
      ...(automation.graph.sensors.length > 0 && { sensors: automation.graph.sensors }),
    },
    jobs: jobList,
    checks: checks.checks,
    resources: definitions?.resources ?? {},
    io: definitions?.io ?? "json",
    check: (key) => checkByKey.get(key),
    automation: { schedules: automation.schedules, sensors: automation.sensors },
  };
}

/** "defined by the exports "a" and "b"", as far as export names are known (a handle listed only in the Definitions has none). */
function definedBy(
  first: DefinitionInfo,
  second: DefinitionInfo,
  exported: ReadonlyMap<AssetHandle<unknown>, string>,
): string {
  const names = new Map([...exported].map(([handle, name]) => [infoOf(handle), name]));
  const a = names.get(first);
  const b = names.get(second);
  if (a === undefined || b === undefined) return "two definitions produce it";
  return a === b ? `the export "${a}" produces it twice` : `defined by the exports "${a}" and "${b}"`;
}

/**
 * The node's partitions with their count now (dynamic ones: unknown here), as the analyzer puts them on its graph.
 * Dates are parsed here, not in the constructors: asset code never loads a calendar library.
 */
function countedPartitions(definition: PartitionsDefinitionData, key: string): AssetNode["partitions"] {
  const problem = definitionProblem(definition);
  if (problem) throw new Error(`asset "${key}": partitionsDef: ${problem}.`);
  const count = partitionCount(definition, { now: new Date(), dynamicKeys: () => undefined });
  return { ...definition, ...(count !== undefined && { count }) };
}

/** Each edge's mapping (written or default) must fit the two definitions: the run would fail on it anyway. */
function checkMappings(edges: readonly AssetEdge[], byKey: ReadonlyMap<string, DefinitionInfo>): void {
  for (const edge of edges) {
    const upstream = byKey.get(edge.from)?.partitionsDef;
    const downstream = byKey.get(edge.to)?.partitionsDef;
    if (upstream === undefined && edge.mapping === undefined) continue;
    const problem = mappingProblem(edge.mapping ?? defaultMapping(upstream, downstream), upstream, downstream);
    if (problem) throw new Error(`asset "${edge.to}" reads "${edge.from}": ${problem}.`);
  }
}
