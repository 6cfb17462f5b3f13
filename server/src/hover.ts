/** Hover on an asset's name, handle or key string: what it is, where it sits in the graph, and its last run. */
import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver/node";
import type { AssetDetail } from "../../sdk/src/analyze/api";
import type { AssetStatus } from "assetline/protocol";
import { toLspRange } from "./convert";
import { escapeMarkdown, inlineCode, metadataMarkdown } from "./metadataMarkdown";
import { formatDuration, stateTitle, timeAgo } from "../../sdk/src/status/describe";
import type { WorkspaceState } from "./workspaceState";

export function hover(workspace: WorkspaceState, params: HoverParams): Hover | null {
  const located = workspace.locate(params.textDocument.uri);
  if (!located) return null;
  const at = located.folder.analyzer.assetAt(located.file, params.position);
  if (!at) return null;
  const asset = located.folder.analyzer.asset(at.key);
  if (!asset) return null;
  const status = workspace.isTrusted ? located.folder.statuses.get(at.key) : undefined;
  return { contents: { kind: MarkupKind.Markdown, value: assetMarkdown(asset, status) }, range: toLspRange(at.range) };
}

function assetMarkdown({ node, upstream, downstream }: AssetDetail, status: AssetStatus | undefined): string {
  const keys = (list: string[]) => (list.length ? list.map(inlineCode).join(", ") : "none");
  const facts = [
    node.kinds.length ? `Kinds: ${node.kinds.map(inlineCode).join(", ")}` : "",
    node.owners.length ? `Owners: ${node.owners.map(inlineCode).join(", ")}` : "",
    Object.keys(node.tags).length ? `Tags: ${Object.entries(node.tags).map(([name, value]) => inlineCode(value ? `${name}=${value}` : name)).join(", ")}` : "",
    `Upstream: ${keys(upstream)}`,
    `Downstream: ${keys(downstream)}`,
  ].filter(Boolean);
  return [
    `**${escapeMarkdown(node.key)}** · ${node.kind} · group ${inlineCode(node.group)}`,
    node.description ? escapeMarkdown(node.description) : "",
    facts.join("  \n"),
    status ? statusMarkdown(status) : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

function statusMarkdown(status: AssetStatus): string {
  const parts = [`---\n\n${stateTitle(status)}`];
  if (status.state === "stale" && status.reasons.length > 1) parts.push(status.reasons.map((reason) => `- ${escapeMarkdown(reason)}`).join("\n"));
  if (status.lastFailure) parts.push(`Last failure ${timeAgo(status.lastFailure.timestamp)} in run ${inlineCode(status.lastFailure.runId)}: ${escapeMarkdown(status.lastFailure.error)}`);
  const last = status.lastMaterialization;
  if (last) {
    parts.push(
      `Last materialized ${timeAgo(last.timestamp)} (${new Date(last.timestamp).toISOString()}), took ${formatDuration(last.durationMs)}, run ${inlineCode(last.runId)}`,
      metadataMarkdown(last.metadata),
    );
  }
  return parts.filter(Boolean).join("\n\n");
}
