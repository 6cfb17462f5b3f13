/** An asset's badges from its checks (the graph's, with their statuses) and its freshness, as the host sent them. */
import { checkStatusesOf, type AssetCheckNode, type AssetStatus, type CheckStatus } from "assetline/protocol";
import { CHECK_ICONS, checksSummary, freshnessSummary } from "assetline/describe";
import type { NodeBadge } from "./render/badges";

type CheckState = CheckStatus["state"];

/**
 * The checks' worst news with its count: `✖1` failed, else `⚠1` warned, else `✓3` passed, else `○2` never run (a
 * check written but not yet run counts as never run); then `⏰` when the asset is overdue.
 */
export function badgesOf(checks: readonly AssetCheckNode[], status: AssetStatus | undefined): NodeBadge[] {
  const statuses = checkStatusesOf(checks, status?.checks);
  const count = (state: CheckState) => statuses.filter((check) => check.state === state).length;
  const worst = (["failed", "warning", "passed", "never"] as const).find((state) => count(state) > 0);
  const summary = checksSummary(statuses);
  const overdue = freshnessSummary(status?.freshness);
  return [
    ...(worst && summary ? [{ kind: worst, text: `${CHECK_ICONS[worst]}${count(worst)}`, label: summary }] : []),
    ...(overdue ? [{ kind: "overdue" as const, text: "⏰", label: overdue }] : []),
  ];
}
