/**
 * Issues 11 and 12: `show` of a key that does not exist, and run ids taken by their unique start. Checks and freshness
 * issue 12: what `show` says of an asset's checks and freshness.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchLines } from "../../../sdk/src/cli/commands/showChecks";
import type { AssetGraph, CheckEvaluation, RunSummary } from "../../../sdk/src/protocol";
import { openStore } from "../../../sdk/src/store/openStore";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { evaluated } from "../run/storeRuns";
import { check, evaluation, HOUR, materializedAt, NOW, node, withStore } from "../status/statusFixtures";
import { ORDERS_FILES, runIn } from "./harness";

let root: string;
let runId: string;
beforeAll(async () => {
  ensureCliBuilt();
  root = fixtureWorkspace(ORDERS_FILES);
  const run = await cli(["materialize", "orders"], root);
  expect(run.code, run.stderr).toBe(0);
  runId = (JSON.parse((await runIn(root, ["runs", "--json"])).stdout).runs as RunSummary[])[0]!.id;
}, 120_000);
afterAll(() => removeWorkspace(root));

describe("assetline show", () => {
  it("says a key does not exist, with a did-you-mean, instead of asking to materialize it", async () => {
    const result = await runIn(root, ["show", "ordres"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'assetline show: no asset "ordres" in this workspace. Did you mean "orders"? `assetline list` shows the keys.\n',
    );
  });

  it("still says an existing asset was never materialized", async () => {
    const result = await runIn(root, ["show", "revenue_by_segment"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"revenue_by_segment" was never materialized in this store');
  });
});

describe("run ids", () => {
  it("prints short ids in the runs table and in show", async () => {
    const table = await runIn(root, ["runs"]);
    expect(table.stdout).toMatch(new RegExp(`^${runId.slice(0, 8)}  success`, "m"));
    expect(table.stdout).not.toContain(runId);
    expect((await runIn(root, ["show", "orders"])).stdout).toContain(`by run ${runId.slice(0, 8)} in`);
  });

  it("takes a unique prefix in logs, as git does", async () => {
    const full = await runIn(root, ["logs", runId]);
    const short = await runIn(root, ["logs", runId.slice(0, 8)]);
    expect(short.code, short.stderr).toBe(0);
    expect(short.stdout).toContain("orders: succeeded");
    expect(short.stdout).toBe(full.stdout);
  });

  it("names the candidates of an ambiguous prefix, and says when none matches", async () => {
    const store = await openStore(`${root}/.assetline`);
    for (const id of ["abc-1", "abc-2"])
      await store.startRun({ id, selection: "*", origin: "cli", startedAt: Date.now() });
    await store.close();
    const ambiguous = await runIn(root, ["logs", "abc"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      'the run id "abc" is ambiguous: runs abc-1, abc-2 start with it; give more of it.',
    );
    const none = await runIn(root, ["logs", "zzz"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no run "zzz" in this store');
  });
});

describe("show's checks and freshness", () => {
  const daily = { maximumLag: "24h", maximumLagMs: 24 * HOUR };
  const graph: AssetGraph = {
    nodes: [
      node("orders", { freshness: daily }),
      node("events", { partitions: { type: "static", keys: ["eu", "us"] } }),
    ],
    edges: [],
    jobs: [],
    checks: [check("orders", "unique_order_id", true), check("orders", "row_count"), check("events", "not_null_id")],
  };
  const duplicates = evaluation("orders", "unique_order_id", {
    runId: "run-1234567890",
    passed: false,
    description: "3 duplicate order_id values",
    metadata: { duplicate_count: { type: "int", value: 3 }, duplicates: { type: "json", value: [7, 9, 11] } },
  });
  const threw = evaluation("orders", "row_count", {
    passed: false,
    dataVersion: "d1",
    error: { message: "orders is not an array", location: { file: "src/checks.ts", line: 4, column: 9 } },
  });
  const events = (partition: string, more: Partial<CheckEvaluation> = {}) =>
    evaluated(evaluation("events", "not_null_id", { partition, ...more }));
  const recorded = [
    materializedAt("orders", NOW - 27 * HOUR, "d2"),
    materializedAt("events", NOW - 3 * HOUR, "d2", "eu"),
    materializedAt("events", NOW - 2 * HOUR, "d2", "us"),
    evaluated(duplicates),
    evaluated(threw),
    events("eu", { passed: false, description: "2 null id values", timestamp: NOW - 2 * HOUR }),
    events("us"),
  ];

  // [case, asset, --partition, the lines below the materialization]
  it.each<[string, string, string | undefined, string[]]>([
    [
      "each check with its result, run, metadata and where it threw; the freshness policy's verdict",
      "orders",
      undefined,
      [
        "  checks: ✖ 2 checks failed",
        "    unique_order_id (blocking): ✖ failed: 3 duplicate order_id values",
        "      evaluated 1 h ago by run run-1234",
        "      duplicate_count: 3",
        "      duplicates: [7,9,11]",
        "    row_count: ✖ failed: orders is not an array",
        "      evaluated 1 h ago by run r, on an older value than the newest",
        "      threw at src/checks.ts:4:9",
        "  freshness: ⏰ overdue by 3 h: last materialized 1 day ago, maximum lag 1 d",
      ],
    ],
    [
      "a partitioned asset's checks by their worst partition",
      "events",
      undefined,
      [
        "  checks: ✖ 1 check failed",
        "    not_null_id: ✖ failed in 1 partition",
        "      evaluated 1 h ago on partition us by run r",
        "      failed partitions: eu",
      ],
    ],
    [
      "one partition's own results",
      "events",
      "us",
      ["  checks: ✓ 1 check", "    not_null_id: ✓ passed 1 h ago", "      evaluated 1 h ago on partition us by run r"],
    ],
  ])("%s", async (_, key, partition, lines) => {
    const shown = await withStore(recorded, async (store) => {
      const last =
        partition === undefined
          ? (await store.latestMaterializations([key])).get(key)!
          : (await store.latestPartitionMaterialization(key, partition))!;
      return await watchLines(graph, store, last, partition, NOW);
    });
    expect(shown).toEqual(lines);
  });

  it("says when a fresh asset turns overdue", async () => {
    const fresh = await withStore(
      [materializedAt("orders", NOW - 2 * HOUR, "d2")],
      async (store) =>
        await watchLines(graph, store, (await store.latestMaterializations(["orders"])).get("orders")!, undefined, NOW),
    );
    expect(fresh.at(-1)).toBe("  freshness: fresh: last materialized 2 h ago, maximum lag 1 d; overdue in 22 h");
  });
});
