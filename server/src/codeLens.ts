/**
 * Lenses above each asset of a file: its state (a partitioned asset's: its partitions' health), then the actions the
 * client implements as commands (arguments: [key], or [keys] for specs sharing a line; a partitioned asset's are
 * Materialize partition… and Backfill missing); above each job, how many assets it selects and Run job
 * (arguments: [job name]); checks and freshness (see checkLens.ts); schedules and sensors (see instigatorLens.ts). In an
 * untrusted workspace one lens per place says why nothing can run.
 */
import type { CodeLens, CodeLensParams } from "vscode-languageserver/node";
import type { AssetCheckNode, AssetGraph, AssetNode, JobInfo, Range } from "assetline/protocol";
import { assetCheckLenses, checkDefinitionLenses } from "./checkLens";
import { checksIn } from "./checkSites";
import { instigatorPlaces } from "./instigatorLens";
import { jobAssets } from "./jobs";
import type { Folder } from "./folder";
import { lens } from "./lens";
import { partitionHealth, stateTitle } from "assetline/describe";
import type { WorkspaceState } from "./workspaceState";

const LensCommands = {
  materialize: "assetline.materialize",
  materializeWithUpstream: "assetline.materializeWithUpstream",
  materializeJob: "assetline.materializeJob",
  materializePartitions: "assetline.materializePartitions",
  backfillMissing: "assetline.backfillMissing",
  showLineage: "assetline.showLineage",
  manageTrust: "workbench.trust.manage",
} as const;

/** A state lens this long leaves the actions beside it on screen; the hover has the whole reason. */
const LENS_REASON_LENGTH = 40;

interface Placed {
  node: AssetNode;
  range: Range;
}

export function codeLenses(workspace: WorkspaceState, params: CodeLensParams): CodeLens[] {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return [];
  // Assets of one definition named on one line (a multi-asset's specs) share their actions.
  const groups = new Map<string, Placed[]>();
  for (const { node } of located.folder.analyzer.assetsIn(located.file)) {
    const at = node.nameLocation ?? node.location;
    if (!at) continue;
    const group = `${at.range.start.line}:${node.definedBy ?? node.key}`;
    groups.set(group, [...(groups.get(group) ?? []), { node, range: at.range }]);
  }
  // The whole graph only for a file with jobs (their counts need it): lenses are asked after every edit.
  const jobs = located.folder.analyzer.jobsIn(located.file);
  const graph = () => located.folder.analyzer.graph();
  // Checks defined on one line (a multi-asset check's specs, inline checks written side by side) share their action.
  const checkLines = new Map<number, AssetCheckNode[]>();
  for (const check of checksIn(located.folder, located.file)) {
    const line = check.location!.range.start.line;
    checkLines.set(line, [...(checkLines.get(line) ?? []), check]);
  }
  const untrusted = (what: string) => `⚠ ${what} disabled: workspace not trusted`;
  // Only a file that names them can define schedules or sensors: others skip building the whole graph.
  const text = workspace.documents.get(params.textDocument.uri)?.getText();
  const automation =
    text === undefined || /schedule|sensor/i.test(text)
      ? instigatorPlaces(graph(), located.file, located.folder.root, located.folder.statuses.instigators, Date.now())
      : [];
  const places = [
    ...automation.map((place) => ({ ...place, untrusted: untrusted("Automation") })),
    ...[...groups.values()].map((placed) => ({
      range: placed[0]!.range,
      lenses: () => lensesFor(placed, located.folder),
      untrusted: untrusted("Materialize"),
    })),
    ...jobs.map((job) => ({
      range: job.location!.range,
      lenses: () => jobLenses(job, graph()),
      untrusted: untrusted("Materialize"),
    })),
    ...[...checkLines.values()].map((checks) => ({
      range: checks[0]!.location!.range,
      lenses: () => checkDefinitionLenses(checks, located.folder),
      untrusted: untrusted(checks.length > 1 ? "Run checks" : "Run check"),
    })),
  ];
  return places.flatMap(({ range, lenses, untrusted }) =>
    workspace.isTrusted ? lenses() : [lens(range, untrusted, LensCommands.manageTrust, [])],
  );
}

/** `7 assets` (what the job's selection picks now), then the action; a selection that does not parse has its diagnostic. */
function jobLenses(job: JobInfo, graph: AssetGraph): CodeLens[] {
  const range = job.location!.range;
  const count = jobAssets(job, graph)?.size;
  return [
    ...(count === undefined ? [] : [lens(range, `${count} asset${count === 1 ? "" : "s"}`, "", [])]),
    lens(range, "▶ Run job", LensCommands.materializeJob, [job.name]),
  ];
}

/**
 * The lenses of one asset, or of a multi-asset's specs named on one line: those run as one step, so each gets its own
 * state (named) and the actions appear once.
 */
function lensesFor(placed: Placed[], folder: Folder): CodeLens[] {
  const shared = placed.length > 1;
  const states = folder.statuses.known
    ? placed.map(({ node, range }) => {
        const status = folder.statuses.get(node.key);
        // A partitioned asset's state is its partitions' health (the hover has the bar and the ranges).
        const title = status?.partitions
          ? partitionHealth(status.partitions)
          : status
            ? stateTitle(status, Date.now(), LENS_REASON_LENGTH)
            : "○ never materialized";
        // The state lens only informs; an empty command makes it plain text in every client.
        return lens(range, shared ? `${node.key} ${title}` : title, "", []);
      })
    : [];
  const checks = placed.flatMap(({ node, range }) => assetCheckLenses(node, range, folder, shared));
  const { node, range } = placed[0]!;
  const key = [node.key];
  // Specs sharing a line pass all their keys: a subsettable multi-asset would otherwise run only the first one.
  const keys = shared ? [placed.map((p) => p.node.key)] : key;
  // An external asset is produced elsewhere: there is nothing to run, only to look at.
  const actions =
    node.kind === "external"
      ? [lens(range, "Lineage", LensCommands.showLineage, key)]
      : node.partitions
        ? partitionActions(placed, keys, folder)
        : [
            lens(range, "▶ Materialize", LensCommands.materialize, keys),
            lens(range, "Materialize with upstream", LensCommands.materializeWithUpstream, keys),
            lens(range, "Lineage", LensCommands.showLineage, key),
          ];
  return [...states, ...checks, ...actions];
}

/**
 * A partitioned asset runs partitions, never the whole asset at once: pick them, or fill what is missing (offered only
 * when the store says some are). Specs sharing a line share one partitions definition, so they share the actions.
 */
function partitionActions(placed: Placed[], keys: unknown[], folder: Folder): CodeLens[] {
  const { node, range } = placed[0]!;
  const missing = placed.some(({ node }) => (folder.statuses.get(node.key)?.partitions?.missing ?? 0) > 0);
  return [
    lens(range, "▶ Materialize partition…", LensCommands.materializePartitions, keys),
    ...(missing ? [lens(range, "▶ Backfill missing", LensCommands.backfillMissing, keys)] : []),
    lens(range, "Lineage", LensCommands.showLineage, [node.key]),
  ];
}
