/** `assetline pools`: limits set, listed with the steps running in them, cleared; a SQLite store refused. */
import { describe, expect, it } from "vitest";
import { PoolsOutputSchema } from "../../../sdk/src/protocol";
import { enqueueRun } from "../../../sdk/src/queue/enqueueRun";
import { machineOutput } from "../run/workspace";
import { useSharedStore } from "./sharedStore";

const { queue, cli } = useSharedStore();

describe("assetline pools", () => {
  it("sets, lists and clears a pool's limit on the shared store", async () => {
    const fixture = await queue();
    const store = ["--store", fixture.url];
    expect((await cli(["pools", ...store])).stdout).toMatch(/^No pool has a limit/);
    expect((await cli(["pools", "set", "warehouse", "2", ...store])).stdout).toBe(
      "Pool warehouse: at most 2 steps at once.\n",
    );
    await cli(["pools", "set", "api", "1", ...store]);
    await cli(["pools", "set", "warehouse", "3", ...store]);
    // The claim reads the same table: the limit the CLI set is the one a worker keeps to.
    const { rows } = await fixture.pool.query<{ name: string; slots: number }>(
      "SELECT name, slots FROM pools ORDER BY name",
    );
    expect(rows).toEqual([
      { name: "api", slots: 1 },
      { name: "warehouse", slots: 3 },
    ]);
    await fixture.tx((tx) =>
      enqueueRun(tx, { runId: "r1", steps: [{ id: "a", upstream: [], maxAttempts: 1, pool: "warehouse" }] }),
    );
    await fixture.pool.query("UPDATE run_steps SET status = 'running' WHERE run_id = 'r1'");
    const listed = machineOutput(PoolsOutputSchema, (await cli(["pools", "--json", ...store])).stdout);
    expect(listed.pools).toEqual([
      { name: "api", limit: 1, running: 0 },
      { name: "warehouse", limit: 3, running: 1 },
    ]);
    expect((await cli(["pools", ...store])).stdout).toMatch(/warehouse +3 +1/);
    expect((await cli(["pools", "clear", "api", ...store])).stdout).toBe("Pool api: no limit any more.\n");
    expect((await cli(["pools", "clear", "api", ...store])).stdout).toBe("Pool api had no limit.\n");
    expect(machineOutput(PoolsOutputSchema, (await cli(["pools", "--json", ...store])).stdout).pools).toHaveLength(1);
  });

  it("refuses a bad name or limit in one line", async () => {
    const fixture = await queue();
    for (const argv of [
      ["pools", "set", "ware house", "2"],
      ["pools", "set", "warehouse", "0"],
      ["pools", "set", "warehouse"],
      ["pools", "clear"],
    ]) {
      const result = await cli([...argv, "--store", fixture.url]);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^assetline pools: give (a pool's name|the pool's limit)[^\n]*\n$/);
    }
  });

  it("on a SQLite store is one line naming --store, exit 2", async () => {
    for (const [argv, command] of [
      [["pools"], "pools"],
      [["pools", "set", "warehouse", "2"], "pools set"],
      [["pools", "clear", "warehouse"], "pools clear"],
    ] as const) {
      const result = await cli([...argv]);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(`\`assetline ${command}\` needs the shared PostgreSQL store`);
      expect(result.stderr).toMatch(/pass --store postgres:\/\//);
    }
  });
});
