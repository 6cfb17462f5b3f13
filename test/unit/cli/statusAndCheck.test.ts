/**
 * Issues 16 and 17: `status` says the graph has errors (exit 1 with --check); `check` reports success on a terminal.
 * Issue 12: each asset's details sum up its checks and say when it is overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssetGraph, type CheckEvaluation, PROTOCOL_VERSION } from "../../../sdk/src/protocol";
import { statusDetails } from "../../../sdk/src/cli/commands/status";
import { evaluated } from "../run/storeRuns";
import { check, evaluation, HOUR, materializedAt, NOW, node, statusesAfter } from "../status/statusFixtures";
import { fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { ORDERS_FILES, runIn } from "./harness";

let clean: string;
let broken: string;
beforeAll(() => {
  clean = fixtureWorkspace(ORDERS_FILES);
  broken = fixtureWorkspace({
    "src/assets.ts": `import { asset } from "assetline";
export const orders = asset(() => [1]);
export const revenue = asset({ ins: { orders: "ordres" } }, ({ orders }) => orders);
`,
  });
});
afterAll(() => {
  removeWorkspace(clean);
  removeWorkspace(broken);
});

describe("status on a workspace whose definitions have errors", () => {
  it("prints the table and says the graph has errors; exits 1 only with --check", async () => {
    const plain = await runIn(broken, ["status"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("orders");
    expect(plain.stderr).toBe(
      "assetline status: the definitions have 1 error, so this graph may miss assets or edges and runs will refuse to start; `assetline check` lists it.\n",
    );
    const checked = await runIn(broken, ["status", "--check"]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain("the definitions have 1 error");
  });

  it("keeps --json output as it was (the editor reads it) unless --check is given", async () => {
    const json = await runIn(broken, ["status", "--json"]);
    expect(json.code).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(["protocolVersion", "assets"]);
    expect(json.stderr).toBe("");
    expect((await runIn(broken, ["status", "--json", "--check"])).code).toBe(1);
    expect((await runIn(clean, ["status", "--check"])).code).toBe(0);
  });
});

describe("check on success", () => {
  it("prints one summary line on a terminal", async () => {
    expect(await runIn(clean, ["check"], { interactive: true })).toEqual({
      code: 0,
      stdout: "No problems: 2 assets in 1 file.\n",
      stderr: "",
    });
  });

  it("stays silent when piped, with --quiet, and prints only JSON with --json", async () => {
    expect((await runIn(clean, ["check"])).stdout).toBe("");
    expect((await runIn(clean, ["check", "--quiet"], { interactive: true })).stdout).toBe("");
    const json = await runIn(clean, ["check", "--json"], { interactive: true });
    expect(json.stdout).toBe(`{"protocolVersion":${PROTOCOL_VERSION},"diagnostics":[]}\n`);
    const failing = await runIn(broken, ["check", "--json"]);
    expect(failing.code).toBe(1);
    expect((JSON.parse(failing.stdout) as { diagnostics: { code: string }[] }).diagnostics[0]?.code).toBe("AL1001");
  });
});

describe("status text with checks and freshness", () => {
  const graph: AssetGraph = {
    nodes: [
      node("orders", { freshness: { maximumLag: "24h", maximumLagMs: 24 * HOUR } }),
      node("customers"),
      node("revenue"),
    ],
    edges: [{ from: "orders", to: "revenue", kind: "data" }],
    jobs: [],
    checks: [check("orders", "unique_order_id", true), check("orders", "row_count"), check("customers", "not_null_id")],
  };
  const failed = { passed: false, description: "3 duplicate order_id values" };

  // [case, orders materialized hours before NOW, evaluations, each asset's details]
  it.each<[string, number, CheckEvaluation[], Record<string, string>]>([
    [
      "checks passed, within the lag",
      2,
      [
        evaluation("orders", "unique_order_id"),
        evaluation("orders", "row_count"),
        evaluation("customers", "not_null_id"),
      ],
      { orders: "2 h ago; ✓ 2 checks", customers: "2 h ago; ✓ 1 check", revenue: "2 h ago" },
    ],
    [
      "a failed check: the state stays, the summary and the reason say it",
      2,
      [evaluation("orders", "unique_order_id", failed), evaluation("orders", "row_count")],
      {
        orders: "2 h ago; ✖ 1 of 2 checks failed; check unique_order_id failed: 3 duplicate order_id values",
        customers: "2 h ago; ○ 1 check never run",
        revenue: "2 h ago",
      },
    ],
    [
      "overdue and warned",
      27,
      [evaluation("orders", "row_count", { passed: false, severity: "warn", description: "only 3 rows" })],
      {
        orders:
          "1 day ago; ⚠ 1 of 2 checks warned; check row_count warned: only 3 rows; ⏰ overdue by 3 h: last materialized 1 day ago, maximum lag 1 d",
        customers: "1 day ago; ○ 1 check never run",
        revenue: "1 day ago",
      },
    ],
  ])("%s", async (_, hoursAgo, evaluations, details) => {
    const at = NOW - hoursAgo * HOUR;
    const statuses = await statusesAfter(graph, [
      ...["orders", "customers", "revenue"].map((key) => materializedAt(key, at, "d2")),
      ...evaluations.map(evaluated),
    ]);
    expect(Object.fromEntries([...statuses].map(([key, status]) => [key, statusDetails(status, NOW)]))).toEqual(
      details,
    );
    expect([...statuses.values()].map((status) => status.state)).toEqual(["fresh", "fresh", "fresh"]);
  });
});
