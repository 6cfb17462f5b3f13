/**
 * Checks and freshness in hovers: the asset hover lists each of its checks with its last result and metadata, and its
 * freshness; the hover on a check's definition says what it checks and its last result. Descriptions, metadata and
 * errors come from user code, so they are escaped here and the hover passes the whole through `withoutCommandLinks`.
 */
import type { AssetCheckNode, CheckStatus, FreshnessStatus } from "assetline/protocol";
import { checksSummary, timeAgo } from "assetline/describe";
import { checkResult } from "./checkWords";
import { escapeMarkdown, inlineCode, metadataMarkdown } from "./metadataMarkdown";

/** Failing partitions named in a hover; more are counted. */
const LISTED_PARTITIONS = 5;

/** One check's result: `✖ failed: 3 duplicates`, when and in which run, its failing partitions, its metadata. */
function resultMarkdown(status: CheckStatus, now: number): string {
  const { last } = status;
  if (!last) return escapeMarkdown(checkResult(status, now));
  const when = status.state === "passed" ? "" : `, ${timeAgo(last.timestamp, now)}`;
  const partitions = status.failedPartitions ?? [];
  const more = partitions.length - LISTED_PARTITIONS;
  return [
    `${escapeMarkdown(checkResult(status, now))}${when} in run ${inlineCode(last.runId)}`,
    partitions.length
      ? `Failing partitions: ${partitions.slice(0, LISTED_PARTITIONS).map(inlineCode).join(", ")}${more > 0 ? ` and ${more} more` : ""}`
      : "",
    metadataMarkdown(last.metadata),
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The asset hover's section: its checks (summed up, then each) and its freshness. */
export function assetChecksMarkdown(checks: CheckStatus[], freshness: FreshnessStatus | undefined): string {
  const now = Date.now();
  const listed = checks.map(
    (status) => `${inlineCode(status.name)}${status.blocking ? " (blocking)" : ""}: ${resultMarkdown(status, now)}`,
  );
  return [
    checks.length ? `---\n\n**Checks** ${escapeMarkdown(checksSummary(checks)!)}` : "",
    ...listed,
    freshness ? `**Freshness** ${escapeMarkdown(freshness.reason)}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** The hover on a check's definition: what it checks, then (when the store was read) its last result. */
export function checkMarkdown(check: AssetCheckNode, status: CheckStatus | undefined): string {
  const reads = check.additionalAssets?.length
    ? `Also reads: ${check.additionalAssets.map(inlineCode).join(", ")}`
    : "";
  return [
    `**check ${escapeMarkdown(check.name)}** on ${inlineCode(check.asset)}${check.blocking ? " · blocking" : ""}`,
    check.description ? escapeMarkdown(check.description) : "",
    reads,
    status ? `---\n\n${resultMarkdown(status, Date.now())}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}
