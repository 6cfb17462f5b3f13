/**
 * The checks' newest results in the store (from the statuses the editor already reads), as test results to show when
 * the workspace opens and after each run (materialize runs checks too). Pure, so what is shown again is unit-tested.
 */
import type { AssetStatus, CheckEvaluation, CheckStatus } from "assetline/protocol";
import { type CheckMessage, lastResultMessage } from "./checkMessage";

interface Shown {
  key: string;
  runId: string;
  /** The evaluation's time: what was shown of a check, so that only a newer result is shown again. */
  timestamp: number;
  durationMs: number;
}

export type LastResult = (Shown & { passed: true }) | (Shown & { passed: false; message: CheckMessage });

/**
 * The results to show: each evaluated check whose newest result is newer than the one already shown for it (`shown`:
 * check key → evaluation time), so a refresh that changes nothing shows nothing, and statuses read before a run ended
 * never replace that run's results with older ones.
 */
export function lastResults(statuses: readonly AssetStatus[], shown: ReadonlyMap<string, number>): LastResult[] {
  const evaluated = statuses
    .flatMap((status) => status.checks ?? [])
    .filter((check): check is CheckStatus & { last: CheckEvaluation } => check.last !== null);
  return evaluated
    .filter((check) => check.last.timestamp > (shown.get(check.key) ?? Number.NEGATIVE_INFINITY))
    .map((check) => {
      const { runId, durationMs, timestamp } = check.last;
      const result = { key: check.key, runId, timestamp, durationMs };
      // `state` is the worst of a partitioned asset's partitions: a newest pass does not hide an older partition's failure.
      return check.state === "passed"
        ? { ...result, passed: true }
        : { ...result, passed: false, message: lastResultMessage(check) };
    });
}
