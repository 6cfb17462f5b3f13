/**
 * Materialize Partition…: the QuickPick's items from `status --partitions KEY --json`'s shape, what a pick resolves
 * to, the range box's validation, the CLI flags the run gets, and the progress notification counting partitions.
 */
import type { PartitionState, PartitionStatus, RunEvent } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import {
  choiceItems,
  chosenKeys,
  keyFormat,
  parseRange,
  partitionFlags,
  type PartitionChoice,
  typedItem,
} from "../../../client/src/partitions/partitionChoices";
import { DailyPartitionsDefinition } from "../../../sdk/src/define/partitions";
import { materializeArgs } from "../../../client/src/run/materializeArgs";
import {
  initialProgress,
  progressMessage,
  progressPercent,
  reduceRunProgress,
} from "../../../client/src/run/runProgress";

const status = (partition: string, state: PartitionState, reason?: string): PartitionStatus => ({
  partition,
  state,
  reasons: reason ? [reason] : [],
  lastMaterialization: state === "missing" ? null : { runId: "r0", timestamp: 0 },
});
/** Five days as the example's bronze_orders has them after a partial backfill. */
const days: PartitionStatus[] = [
  status("2026-03-01", "materialized"),
  status("2026-03-02", "stale", "upstream orders partition 2026-03-02 materialized 2 h after this one"),
  status("2026-03-03", "failed", "last attempt failed: connection refused"),
  status("2026-03-04", "missing"),
  status("2026-03-05", "missing"),
];
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });

describe("the partition QuickPick's items", () => {
  it("offers the shortcuts that would pick something, then every partition with its state's icon and reason", () => {
    const items = choiceItems(days);
    expect(items.map(({ label, description, detail }) => [label, description, detail])).toEqual([
      ["$(arrow-right) Latest", "2026-03-05 · missing", undefined],
      ["$(circle-large-outline) All missing", "2 partitions", undefined],
      ["$(error) All failed", "1 partition", undefined],
      ["$(list-flat) Range…", "first...last", undefined],
      ["$(pass-filled) 2026-03-01", "materialized", undefined],
      ["$(warning) 2026-03-02", "stale", "upstream orders partition 2026-03-02 materialized 2 h after this one"],
      ["$(error) 2026-03-03", "failed", "last attempt failed: connection refused"],
      ["$(circle-large-outline) 2026-03-04", "missing", undefined],
      ["$(circle-large-outline) 2026-03-05", "missing", undefined],
    ]);
  });

  it("leaves out All missing and All failed when none is, and Latest when there are no partitions", () => {
    const done = days.map((day) => ({ ...day, state: "materialized" as const }));
    expect(choiceItems(done).map((item) => item.choice.kind)).toEqual([
      "latest",
      "range",
      ...done.map(() => "partition"),
    ]);
    expect(choiceItems([]).map((item) => item.choice.kind)).toEqual(["range"]);
  });
});

describe("Enter with nothing checked", () => {
  const items = choiceItems(days);
  it.each([
    ["a key typed whole", "2026-03-03", ["partition"]],
    ["a shortcut's word", "range", ["range"]],
    ["words of one item's description", "2 partitions", ["missing"]],
    // Typed text that fits several items picks none: Enter then does nothing rather than guess.
    ["a prefix of several keys", "2026-03-0", []],
    ["nothing", "  ", []],
  ])("%s: %j", (_, text, kinds) => {
    const picked = typedItem(items, text);
    expect(picked.map((item) => item.choice.kind)).toEqual(kinds);
    if (text === "2026-03-03") expect(picked[0]!.choice).toEqual({ kind: "partition", key: "2026-03-03" });
  });
});

describe("what a pick runs", () => {
  const pick = (...choices: PartitionChoice[]) => chosenKeys(choices, days);
  const key = (k: string): PartitionChoice => ({ kind: "partition", key: k });

  it.each<[string, PartitionChoice[], string[], string[]]>([
    ["one partition", [key("2026-03-02")], ["2026-03-02"], ["--partition", "2026-03-02"]],
    ["the latest", [{ kind: "latest" }], ["2026-03-05"], ["--partition", "2026-03-05"]],
    // Missing alone: the runner decides them from the store when it runs.
    ["all missing", [{ kind: "missing" }], ["2026-03-04", "2026-03-05"], ["--partitions", "missing"]],
    ["all failed, one of them", [{ kind: "failed" }], ["2026-03-03"], ["--partition", "2026-03-03"]],
    // Checked out of order, each once, run as the consecutive range they make.
    [
      "consecutive checks",
      [key("2026-03-03"), key("2026-03-02"), { kind: "failed" }],
      ["2026-03-02", "2026-03-03"],
      ["--partitions", "2026-03-02...2026-03-03"],
    ],
    [
      "scattered checks",
      [key("2026-03-05"), key("2026-03-01"), { kind: "missing" }],
      ["2026-03-01", "2026-03-04", "2026-03-05"],
      ["--partitions", "2026-03-01,2026-03-04,2026-03-05"],
    ],
  ])("%s", (_, choices, keys, flags) => {
    expect(pick(...choices)).toEqual(keys);
    expect(partitionFlags(keys, days, choices)).toEqual(flags);
  });

  it("passes the flags after the selection to the workspace's CLI", () => {
    const settings = { concurrency: 0, storeFolder: ".assetline", definitionsFile: "" };
    const target = { selection: 'key:"bronze_orders"', partitions: ["--partitions", "missing"] };
    expect(materializeArgs("/ws/bin.js", "/ws", target, settings).slice(5)).toEqual([
      "--select",
      'key:"bronze_orders"',
      "--partitions",
      "missing",
      "/ws",
    ]);
  });
});

describe("the range box", () => {
  const format = keyFormat(daily, days);

  it("says the definition's format in its prompt", () => {
    expect(format).toBe("yyyy-MM-dd, e.g. 2026-03-01");
    expect(
      keyFormat({ type: "static", keys: ["eu", "us", "apac", "latam"] }, [
        status("eu", "missing"),
        status("us", "missing"),
        status("apac", "missing"),
        status("latam", "missing"),
      ]),
    ).toBe("a key such as eu, us, apac");
  });

  it.each([
    ["2026-03-02...2026-03-04", { keys: ["2026-03-02", "2026-03-03", "2026-03-04"] }],
    [" 2026-03-05 ", { keys: ["2026-03-05"] }],
    ["2026-03-01 ... 2026-03-02", { keys: ["2026-03-01", "2026-03-02"] }],
    [
      "2026-3-2...2026-03-04",
      { error: "2026-3-2 is not one of this asset's partitions (yyyy-MM-dd, e.g. 2026-03-01)." },
    ],
    [
      "2026-03-02...2026-04-01",
      { error: "2026-04-01 is not one of this asset's partitions (yyyy-MM-dd, e.g. 2026-03-01)." },
    ],
    ["2026-03-04...2026-03-02", { error: "2026-03-04 comes after 2026-03-02: write the earlier partition first." }],
    [
      "2026-03-02..2026-03-04",
      { error: "2026-03-02..2026-03-04 is not one of this asset's partitions (yyyy-MM-dd, e.g. 2026-03-01)." },
    ],
    ["2026-03-02...", { error: "Write a range as first...last (yyyy-MM-dd, e.g. 2026-03-01)." }],
    ["", { error: "Write a range as first...last (yyyy-MM-dd, e.g. 2026-03-01)." }],
  ])("%j", (text, expected) => {
    expect(parseRange(text, days, format)).toEqual(expected);
  });
});

describe("the progress notification of a backfill", () => {
  const runId = "r1";
  const step = (day: string) => ({
    id: `bronze_orders[${day}]`,
    assets: ["bronze_orders"],
    dependsOn: [],
    partitions: [day],
  });
  const plan = days.map((day) => step(day.partition));
  const started = (day: string): RunEvent => ({
    type: "step_started",
    runId,
    stepId: `bronze_orders[${day}]`,
    assets: ["bronze_orders"],
    partitions: [day],
    attempt: 0,
    timestamp: 1,
  });
  const succeeded = (day: string): RunEvent => ({
    type: "step_succeeded",
    runId,
    stepId: `bronze_orders[${day}]`,
    assets: ["bronze_orders"],
    partitions: [day],
    durationMs: 3,
    timestamp: 2,
  });

  it("counts partitions, not steps, and names the partition running", () => {
    const events: RunEvent[] = [
      { type: "run_started", runId, selection: 'key:"bronze_orders"', plan, timestamp: 0 },
      started("2026-03-01"),
      succeeded("2026-03-01"),
      started("2026-03-02"),
      succeeded("2026-03-02"),
      started("2026-03-03"),
    ];
    const state = events.reduce(reduceRunProgress, initialProgress);
    expect(progressMessage(state)).toBe("bronze_orders [2026-03-03] · 2 of 5 partitions");
    expect(progressPercent(state)).toBe(40);
  });

  it("counts a single-run step's whole range", () => {
    const range = ["2026-03-01", "2026-03-02", "2026-03-03"];
    const id = "bronze_orders[2026-03-01...2026-03-03]";
    const events: RunEvent[] = [
      {
        type: "run_started",
        runId,
        selection: "*",
        plan: [{ id, assets: ["bronze_orders"], dependsOn: [], partitions: range }],
        timestamp: 0,
      },
      {
        type: "step_started",
        runId,
        stepId: id,
        assets: ["bronze_orders"],
        partitions: range,
        attempt: 0,
        timestamp: 1,
      },
    ];
    const running = events.reduce(reduceRunProgress, initialProgress);
    expect(progressMessage(running)).toBe("bronze_orders [2026-03-01…2026-03-03] · 0 of 3 partitions");
    const done = reduceRunProgress(running, {
      type: "step_succeeded",
      runId,
      stepId: id,
      assets: ["bronze_orders"],
      partitions: range,
      durationMs: 9,
      timestamp: 2,
    });
    expect(progressPercent(done)).toBe(100);
  });
});
