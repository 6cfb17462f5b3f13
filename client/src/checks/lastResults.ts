/**
 * The checks' newest results in the store (from the statuses the editor already reads), as test results to show when
 * the workspace opens and after each run (materialize runs checks too). Pure, so what is shown again is unit-tested.
 */
import type { AssetStatus, CheckEvaluation, CheckStatus } from "assetline/protocol";
import { type CheckMessage, lastResultMessage } from "./checkMessage";

export type LastResult =
  | { key: string; runId: string; passed: true; durationMs: number }
  | { key: string; runId: string; passed: false; message: CheckMessage; durationMs: number };

/**
 * The results to show: each evaluated check whose newest result comes from another run than the one already shown for
 * it (`shown`: check key → run id), so a refresh that changes nothing shows nothing.
 */
export function lastResults(statuses: readonly AssetStatus[], shown: ReadonlyMap<string, string>): LastResult[] {
  const evaluated = statuses
    .flatMap((status) => status.checks ?? [])
    .filter((check): check is CheckStatus & { last: CheckEvaluation } => check.last !== null);
  return evaluated
    .filter((check) => shown.get(check.key) !== check.last.runId)
    .map((check) => {
      const { runId, durationMs } = check.last;
      // `state` is the worst of a partitioned asset's partitions: a newest pass does not hide an older partition's failure.
      return check.state === "passed"
        ? { key: check.key, runId, passed: true, durationMs }
        : { key: check.key, runId, passed: false, message: lastResultMessage(check), durationMs };
    });
}
