/**
 * Hover on an asset's name, handle or key string: what it is, where it sits in the graph, its last run, its checks,
 * freshness and automation condition's latest evaluation. On a check's definition: what it checks and its last result. On a job: its selection and the assets it
 * picks, with their states.
 */
import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver/node";
import type { AssetDetail } from "assetline/analyze";
import type {
  HOVER_COMMANDS,
  AssetCheckNode,
  AssetGraph,
  AssetNode,
  AssetState,
  AssetStatus,
  JobInfo,
} from "assetline/protocol";
import { automationMarkdown } from "./automationHover";
import { assetChecksMarkdown, checkMarkdown } from "./checkHover";
import { RUN_CHECKS } from "./checkLens";
import { checkAt, checksOf, statusesOf } from "./checkSites";
import { toLspRange } from "./convert";
import type { Folder } from "./folder";
import { jobAssets, jobAt } from "./jobs";
import { escapeMarkdown, inlineCode, metadataMarkdown, withoutCommandLinks } from "./metadataMarkdown";
import { formatDuration, otherMetadata, STATE_WORDS, stateTitle, tableMarkdown, timeAgo } from "assetline/describe";
import { tableFacts } from "assetline/selection";
import { partitionsMarkdown } from "./partitionHover";
import type { WorkspaceState } from "./workspaceState";

export function hover(workspace: WorkspaceState, params: HoverParams): Hover | null {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return null;
  const { folder, file } = located;
  const at = folder.analyzer.assetAt(file, params.position);
  if (!at) {
    const check = checkAt(folder, file, params.position);
    if (check) return checkHover(workspace, folder, check);
    const job = jobAt(folder.analyzer.jobsIn(file), params.position);
    return job
      ? markdownHover(jobMarkdown(job, folder.analyzer.graph(), workspace.isTrusted ? folder : undefined), "")
      : null;
  }
  const asset = folder.analyzer.asset(at.key);
  if (!asset) return null;
  const status = workspace.isTrusted ? folder.statuses.get(at.key) : undefined;
  const checks = checksOf(folder, at.key);
  // Only the links built here may run a command; everything from code and data is made unable to.
  const links = workspace.commandLinks ? commandLinks(asset.node, workspace.isTrusted, status, checks.length > 0) : "";
  // A client that runs command links is VS Code, whose hovers render the partition bar's data images too.
  const markdown = [
    assetMarkdown(asset, status, workspace.commandLinks),
    status && assetChecksMarkdown(checks.length ? statusesOf(folder, checks) : [], status.freshness),
    status &&
      automationMarkdown(
        asset.node.automationCondition,
        status.automation,
        folder.statuses.instigators.daemon,
        Date.now(),
      ),
  ]
    .filter(Boolean)
    .join("\n\n");
  return { ...markdownHover(markdown, links), range: toLspRange(at.range) };
}

/** Markdown built from code and data, made unable to run a command, then the server's own `links`. */
function markdownHover(markdown: string, links: string): Hover {
  const value = [withoutCommandLinks(markdown), links].filter(Boolean).join("\n\n");
  return { contents: { kind: MarkupKind.Markdown, value } };
}

function checkHover(workspace: WorkspaceState, folder: Folder, check: AssetCheckNode): Hover {
  const status = workspace.isTrusted && folder.statuses.known ? statusesOf(folder, [check])[0] : undefined;
  const run =
    workspace.commandLinks && workspace.isTrusted ? link("▶ Run check", RUN_CHECKS, { checks: [check.key] }) : "";
  return { ...markdownHover(checkMarkdown(check, status), run), range: toLspRange(check.location!.range) };
}

type HoverCommand = (typeof HOVER_COMMANDS)[number];

function link(title: string, command: HoverCommand, argument: unknown): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([argument]))})`;
}

/** What the lenses offer, one click from the hover; nothing runs in an untrusted workspace, and externals never run. */
function commandLinks(node: AssetNode, trusted: boolean, status: AssetStatus | undefined, checks: boolean): string {
  const runs = trusted && node.kind !== "external";
  const actions = node.partitions
    ? [
        link("▶ Materialize partition…", "assetline.materializePartitions", node.key),
        ...((status?.partitions?.missing ?? 0) > 0
          ? [link("▶ Backfill missing", "assetline.backfillMissing", node.key)]
          : []),
      ]
    : [
        link("▶ Materialize", "assetline.materialize", node.key),
        link("Materialize with upstream", "assetline.materializeWithUpstream", node.key),
      ];
  const runChecks = trusted && checks ? [link("▶ Run checks", RUN_CHECKS, { assets: [node.key] })] : [];
  // The preview runs the workspace's CLI (read-only), so it too is offered only in a trusted workspace.
  const preview =
    trusted && node.kinds.includes("table") ? [link("Preview table", "assetline.previewTable", node.key)] : [];
  return [...(runs ? actions : []), ...runChecks, ...preview, link("Lineage", "assetline.showLineage", node.key)].join(
    " · ",
  );
}

function assetMarkdown(
  { node, upstream, downstream }: AssetDetail,
  status: AssetStatus | undefined,
  images: boolean,
): string {
  const keys = (list: string[]) => (list.length ? list.map(inlineCode).join(", ") : "none");
  const facts = [
    node.pool ? `Pool: ${inlineCode(node.pool)}` : "",
    node.kinds.length ? `Kinds: ${node.kinds.map(inlineCode).join(", ")}` : "",
    node.owners.length ? `Owners: ${node.owners.map(inlineCode).join(", ")}` : "",
    Object.keys(node.tags).length
      ? `Tags: ${Object.entries(node.tags)
          .map(([name, value]) => inlineCode(value ? `${name}=${value}` : name))
          .join(", ")}`
      : "",
    `Upstream: ${keys(upstream)}`,
    `Downstream: ${keys(downstream)}`,
  ].filter(Boolean);
  return [
    `**${escapeMarkdown(node.key)}** · ${node.kind} · group ${inlineCode(node.group)}`,
    node.description ? escapeMarkdown(node.description) : "",
    facts.join("  \n"),
    status ? statusMarkdown(status, images) : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** Lists this many of a job's assets by name; a bigger job is summed up by its count and states. */
const LISTED_JOB_ASSETS = 12;

function jobMarkdown(job: JobInfo, graph: AssetGraph, folder: Folder | undefined): string {
  const facts = folder && {
    state: (key: string) => folder.statuses.get(key)?.state ?? "never",
    ...tableFacts((key) => folder.statuses.get(key)?.lastMaterialization?.metadata),
  };
  const keys = [...(jobAssets(job, graph, facts) ?? [])];
  const listed = keys.slice(0, LISTED_JOB_ASSETS).map(inlineCode).join(", ");
  const more = keys.length > LISTED_JOB_ASSETS ? ` and ${keys.length - LISTED_JOB_ASSETS} more` : "";
  const states = new Map<AssetState, number>();
  for (const key of folder ? keys : []) {
    const state = folder!.statuses.get(key)?.state ?? "never";
    states.set(state, (states.get(state) ?? 0) + 1);
  }
  return [
    `**job ${escapeMarkdown(job.name)}** · selection ${inlineCode(job.selection)}`,
    keys.length ? `Selects ${keys.length} asset${keys.length === 1 ? "" : "s"}: ${listed}${more}` : "Selects no asset.",
    states.size ? [...states].map(([state, count]) => `${count} ${STATE_WORDS[state]}`).join(" · ") : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

function statusMarkdown(status: AssetStatus, images: boolean): string {
  // A partitioned asset's state sums up its partitions: their bar and ranges say it better.
  const state = status.partitions ? partitionsMarkdown(status.partitions, images) : escapeMarkdown(stateTitle(status));
  const parts = [`---\n\n${state}`];
  if (status.state === "stale" && status.reasons.length > 1 && !status.partitions)
    parts.push(status.reasons.map((reason) => `- ${escapeMarkdown(reason)}`).join("\n"));
  if (status.lastFailure)
    parts.push(
      `Last failure ${timeAgo(status.lastFailure.timestamp)} in run ${inlineCode(status.lastFailure.runId)}: ${escapeMarkdown(status.lastFailure.error)}`,
    );
  const last = status.lastMaterialization;
  if (last) {
    parts.push(
      `Last materialized ${timeAgo(last.timestamp)} (${new Date(last.timestamp).toISOString()})${last.partition === undefined ? "" : `, partition ${inlineCode(last.partition)}`}, took ${formatDuration(last.durationMs)}, run ${inlineCode(last.runId)}`,
      tableMarkdown(last.metadata) ?? "",
      metadataMarkdown(otherMetadata(last.metadata)),
    );
  }
  return parts.filter(Boolean).join("\n\n");
}
