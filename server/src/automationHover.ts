/**
 * The hover's automation section for an asset with a condition: the daemon's latest answer and its reason, in words
 * (`**Automation** eager · will run: upstream orders was updated since this asset's last materialization (12:03:10)`),
 * or why there is none yet.
 */
import type { AutomationStatus, Condition } from "assetline/protocol";
import { clock } from "./instigatorLens";
import { escapeMarkdown, inlineCode } from "./metadataMarkdown";

export function automationMarkdown(
  condition: Condition | undefined,
  evaluation: AutomationStatus | undefined,
  daemon: boolean,
  now: number,
): string {
  if (!condition && !evaluation) return "";
  const label = `**Automation** ${escapeMarkdown(evaluation?.label ?? condition?.label ?? "custom")}`;
  if (!evaluation)
    return `${label} · not evaluated yet (${daemon ? "waiting for the daemon's first tick" : "automation is off"})`;
  const count = evaluation.partitionsWillRun;
  const partitions =
    count === undefined ? "" : `${count === 0 ? "no" : count} partition${count === 1 ? "" : "s"} will run · newest: `;
  const run = evaluation.runId ? ` · run ${inlineCode(evaluation.runId.slice(0, 8))}` : "";
  return `${label} · ${partitions}${escapeMarkdown(evaluation.reason)} (${clock(evaluation.evaluatedAt, now, true)})${run}`;
}
