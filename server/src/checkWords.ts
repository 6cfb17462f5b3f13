/** A check's last result and an asset's lateness in words, as the lenses and hovers say them. */
import type { CheckStatus, FreshnessStatus } from "assetline/protocol";
import { checkTitle, freshnessSummary } from "assetline/describe";

/**
 * describe's `checkTitle` (`✓ passed 2 min ago`, `✖ failed: 3 duplicates`; a check that threw says its error), cut to
 * `length` (a lens must leave room for its action), and marked when it judged an older value than the newest.
 */
export function checkResult(status: CheckStatus, now = Date.now(), length = Number.POSITIVE_INFINITY): string {
  const title = checkTitle(status, now);
  const shown = title.length > length ? `${title.slice(0, length - 1).trimEnd()}…` : title;
  return status.outdated ? `${shown} · on an older value` : shown;
}

/** `⏰ overdue by 3 h`, counted from the moment it became overdue, so the words stay true between status reads. */
export function overdueTitle(freshness: FreshnessStatus, now = Date.now()): string | undefined {
  if (freshness.state !== "overdue" || freshness.deadline === undefined) return freshnessSummary(freshness);
  return freshnessSummary({ ...freshness, overdueByMs: now - freshness.deadline });
}
