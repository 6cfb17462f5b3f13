import type { CheckEvaluation, RunEvent } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { CheckRunTally } from "../../../client/src/checks/checkRunTally";

const unique = "orders:unique_order_id";
const rows = "orders:row_count";

function evaluation(checkKey: string, passed: boolean, extra: Partial<CheckEvaluation> = {}): CheckEvaluation {
  const [asset = "", name = ""] = checkKey.split(":");
  return {
    checkKey,
    asset,
    name,
    runId: "r1",
    timestamp: 10,
    passed,
    severity: "error",
    blocking: false,
    metadata: {},
    durationMs: 7,
    ...extra,
  };
}

const step = { runId: "r1", stepId: "s1", assets: [], timestamp: 1 };
const started = (checks: string[]): RunEvent => ({ type: "step_started", ...step, checks, attempt: 0 });
const evaluated = (value: CheckEvaluation): RunEvent => ({
  type: "check_evaluated",
  runId: "r1",
  stepId: "s1",
  evaluation: value,
  timestamp: 2,
});
const runStarted: RunEvent = { type: "run_started", runId: "r1", selection: "*", plan: [], timestamp: 0 };

/** Feeds the events, then the exit, and lists each update as `kind key`. */
function tally(keys: string[], events: RunEvent[], refusal?: string): string[] {
  const run = new CheckRunTally(keys);
  const updates = [...events.flatMap((event) => run.onEvent(event)), ...run.onExit(refusal)];
  return updates.map((update) => `${update.kind} ${update.key}`);
}

describe("a check run's events as test results", () => {
  it.each<[string, string[], RunEvent[], string | undefined, string[]]>([
    [
      "a passing and a failing check",
      [unique, rows],
      [
        runStarted,
        started([unique]),
        evaluated(evaluation(unique, false)),
        started([rows]),
        evaluated(evaluation(rows, true)),
      ],
      undefined,
      [`started ${unique}`, `failed ${unique}`, `started ${rows}`, `passed ${rows}`],
    ],
    [
      "a partition's pass after another's failure: the check stays failed",
      [unique],
      [
        started([unique]),
        evaluated(evaluation(unique, false, { partition: "2026-03-01" })),
        evaluated(evaluation(unique, true, { partition: "2026-03-02" })),
        evaluated(evaluation(unique, false, { partition: "2026-03-03" })),
      ],
      undefined,
      [`started ${unique}`, `failed ${unique}`, `failed ${unique}`],
    ],
    [
      "a check whose asset has no stored value is skipped",
      [unique],
      [
        {
          type: "step_skipped",
          ...step,
          checks: [unique],
          reason: "orders has no materialization to check: materialize it first",
        },
      ],
      undefined,
      [`skipped ${unique}`],
    ],
    [
      "a blocking check's failed step after its evaluation adds nothing; a step that failed before evaluating errs",
      [unique, rows],
      [
        evaluated(evaluation(unique, false, { blocking: true })),
        {
          type: "step_failed",
          ...step,
          checks: [unique],
          error: { message: "check unique_order_id on orders failed" },
        },
        { type: "step_failed", ...step, checks: [rows], error: { message: "could not load orders" } },
      ],
      undefined,
      [`failed ${unique}`, `errored ${rows}`],
    ],
    [
      "a run cancelled half way: the rest is skipped",
      [unique, rows],
      [runStarted, started([unique]), evaluated(evaluation(unique, true))],
      undefined,
      [`started ${unique}`, `passed ${unique}`, `skipped ${rows}`],
    ],
    [
      "a CLI that refused the keys: every check errs with its reason",
      [unique, rows],
      [],
      "unknown check orders:uniqe_order_id: did you mean orders:unique_order_id?",
      [`errored ${unique}`, `errored ${rows}`],
    ],
  ])("%s", (_, keys, events, refusal, expected) => {
    expect(tally(keys, events, refusal)).toEqual(expected);
  });

  it("says why a check was skipped or errored, and how long a check took", () => {
    const run = new CheckRunTally([unique, rows]);
    expect(run.onEvent(evaluated(evaluation(rows, true)))).toEqual([
      { kind: "passed", key: rows, durationMs: 7, timestamp: 10 },
    ]);
    expect(run.onExit("unknown check")).toEqual([{ kind: "errored", key: unique, message: "unknown check" }]);
    const skipped = new CheckRunTally([unique]);
    skipped.onEvent({ type: "step_skipped", ...step, checks: [unique], reason: "blocked by check x on orders" });
    expect(skipped.onExit(undefined)).toEqual([]);
  });

  it("reports a step the user stopped as skipped, not errored", () => {
    const run = new CheckRunTally([unique]);
    run.onEvent(started([unique]));
    run.cancelled = true;
    const failed: RunEvent = {
      type: "step_failed",
      ...step,
      checks: [unique],
      error: { message: "the run was cancelled" },
    };
    expect(run.onEvent(failed)).toEqual([{ kind: "skipped", key: unique, reason: "cancelled: the run was cancelled" }]);
  });

  it("remembers the run's id, so the store's copy of its results is not shown again", () => {
    const run = new CheckRunTally([unique]);
    expect(run.runId).toBeUndefined();
    run.onEvent(runStarted);
    expect(run.runId).toBe("r1");
  });
});
