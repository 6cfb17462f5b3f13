import type { AssetStatus, CheckEvaluation, CheckStatus } from "assetline/protocol";
import { describe, expect, it } from "vitest";
import { evaluationMessage, metadataLines } from "../../../client/src/checks/checkMessage";
import { lastResults } from "../../../client/src/checks/lastResults";

function evaluation(extra: Partial<CheckEvaluation> = {}): CheckEvaluation {
  return {
    checkKey: "orders:unique_order_id",
    asset: "orders",
    name: "unique_order_id",
    runId: "r1",
    timestamp: 10,
    passed: false,
    severity: "error",
    blocking: true,
    description: "3 duplicate order_id values",
    metadata: {
      duplicate_count: { type: "int", value: 3 },
      duplicates: { type: "json", value: ["o-1", "o-7", "o-9"] },
    },
    durationMs: 12,
    ...extra,
  };
}

describe("the message on a failed check", () => {
  it.each<[string, Partial<CheckEvaluation>, string]>([
    [
      "the verdict with its description, then the metadata",
      {},
      'failed: 3 duplicate order_id values\nduplicate_count: 3\nduplicates: ["o-1","o-7","o-9"]',
    ],
    [
      "the partition first",
      { partition: "2026-03-01", metadata: {} },
      "[2026-03-01] failed: 3 duplicate order_id values",
    ],
    [
      "a warning, which blocks nothing",
      { severity: "warn", metadata: {} },
      "warned: 3 duplicate order_id values\nseverity warn: it blocks nothing downstream",
    ],
    [
      "a thrown error's stack",
      { description: undefined, metadata: {}, error: { message: "boom", stack: "Error: boom\n    at checks.ts:9:11" } },
      "failed: boom\nError: boom\n    at checks.ts:9:11",
    ],
  ])("reads %s", (_, extra, text) => {
    expect(evaluationMessage(evaluation(extra)).text).toBe(text);
  });

  it("points where the check threw (zero-based), else nowhere of its own (the check's definition)", () => {
    const thrown = evaluationMessage(
      evaluation({ error: { message: "boom", location: { file: "/ws/src/checks.ts", line: 9, column: 11 } } }),
    );
    expect(thrown.thrownAt).toEqual({ file: "/ws/src/checks.ts", position: { line: 8, character: 10 } });
    expect(evaluationMessage(evaluation()).thrownAt).toBeUndefined();
  });

  it("says each kind of metadata in one line, cutting long values", () => {
    expect(
      metadataLines({
        rows: { type: "int", value: 12345 },
        share: { type: "float", value: 0.5 },
        ok: { type: "bool", value: false },
        at: { type: "timestamp", value: Date.UTC(2026, 2, 1) },
        sample: { type: "table", value: { columns: ["id", "total"], rows: [{ id: 1 }, { id: 2 }] } },
        schema: {
          type: "table_schema",
          value: {
            columns: [
              { name: "id", type: "BIGINT" },
              { name: "total", type: "DOUBLE", nullable: true },
            ],
          },
        },
        note: { type: "text", value: "x".repeat(310) },
      }),
    ).toEqual([
      "rows: 12,345",
      "share: 0.5",
      "ok: false",
      "at: 2026-03-01T00:00:00.000Z",
      "sample: table of 2 rows (id, total)",
      "schema: columns id BIGINT, total DOUBLE (nullable)",
      `note: ${"x".repeat(300)}… (10 more)`,
    ]);
  });
});

function status(key: string, checks: CheckStatus[]): AssetStatus {
  return { key, state: "fresh", reasons: [], lastMaterialization: null, checks };
}
function checkStatus(state: CheckStatus["state"], last: CheckEvaluation | null, extra: Partial<CheckStatus> = {}) {
  return {
    key: last?.checkKey ?? "orders:never_run",
    name: "x",
    blocking: false,
    last,
    state,
    outdated: false,
    ...extra,
  };
}

describe("the store's last results in the Testing view", () => {
  const statuses = [
    status("orders", [
      checkStatus("failed", evaluation()),
      checkStatus("passed", evaluation({ checkKey: "orders:row_count", passed: true, runId: "r2", durationMs: 4 })),
      checkStatus("never", null),
    ]),
    status("customers", []),
  ];

  it("shows each evaluated check's newest result, and nothing for a check never run", () => {
    const results = lastResults(statuses, new Map());
    expect(results.map((result) => [result.key, result.passed, result.runId])).toEqual([
      ["orders:unique_order_id", false, "r1"],
      ["orders:row_count", true, "r2"],
    ]);
  });

  it("shows a result again only when it is newer than the one shown, so statuses read before a run ended change nothing", () => {
    // unique_order_id's stored result (at 10) is the one shown; row_count's shown result came from a later run (at 20).
    const shown = new Map([
      ["orders:unique_order_id", 10],
      ["orders:row_count", 20],
    ]);
    expect(lastResults(statuses, shown)).toEqual([]);
    shown.set("orders:unique_order_id", 9);
    expect(lastResults(statuses, shown).map((result) => result.key)).toEqual(["orders:unique_order_id"]);
  });

  it.each<[string, CheckEvaluation, Partial<CheckStatus>, string[]]>([
    [
      "its newest evaluation failed: that evaluation, and the other failing partitions",
      evaluation({ partition: "2026-03-02", metadata: {} }),
      { failedPartitions: ["2026-03-01", "2026-03-02"] },
      ["[2026-03-02] failed: 3 duplicate order_id values", "failing partitions: 2026-03-01, 2026-03-02"],
    ],
    [
      "its newest evaluation passed but an older partition's warned: the failing partitions",
      evaluation({ passed: true, partition: "2026-03-02" }),
      { state: "warning", failedPartitions: ["2026-03-01"] },
      ["warned in partitions 2026-03-01"],
    ],
    [
      "it read an older value than the newest",
      evaluation({ metadata: {} }),
      { outdated: true },
      ["failed: 3 duplicate order_id values", "it read a value of orders older than the newest: run it again"],
    ],
  ])("says, on a check stored as failed, that %s", (_, last, extra, lines) => {
    const [result] = lastResults([status("orders", [checkStatus("failed", last, extra)])], new Map());
    expect(result?.passed).toBe(false);
    expect(result && !result.passed && result.message.text.split("\n")).toEqual(lines);
  });
});
