/** Issues 11 and 12: `show` of a key that does not exist, and run ids taken by their unique start. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../../sdk/src/protocol";
import { openStore } from "../../../sdk/src/store/sqliteStore";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
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
    const store = openStore(`${root}/.assetline`);
    for (const id of ["abc-1", "abc-2"]) store.startRun({ id, selection: "*", origin: "cli", startedAt: Date.now() });
    store.close();
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
