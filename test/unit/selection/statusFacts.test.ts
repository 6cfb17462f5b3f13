/**
 * The CLI's selection facts for status: over checks and freshness: an asset's worst check decides check_failed /
 * check_warning, its freshness policy overdue, all from the statuses `status` computes.
 */
import { describe, expect, it } from "vitest";
import type { AssetGraph } from "../../../sdk/src/protocol";
import { resolveSelection } from "../../../sdk/src/run/resolveSelection";
import { workspaceFacts } from "../../../sdk/src/run/workspaceFacts";
import { evaluated } from "../run/storeRuns";
import { check, evaluation, HOUR, materializedAt, NOW, node, statusesAfter } from "../status/statusFixtures";

const lag = { maximumLag: "1h", maximumLagMs: HOUR };
const graph: AssetGraph = {
  nodes: [
    node("orders", { freshness: lag }),
    node("customers", { freshness: lag }),
    node("payments"),
    node("refunds"),
    node("plain"),
  ],
  edges: [],
  jobs: [],
  checks: [
    check("orders", "unique_order_id"),
    check("orders", "row_count"),
    check("customers", "not_null_id"),
    check("payments", "positive"),
    check("refunds", "never_run"),
  ],
};
const warn = { passed: false, severity: "warn" as const };
const statuses = [
  ...(
    await statusesAfter(graph, [
      materializedAt("orders", NOW - 3 * HOUR, "d2"),
      materializedAt("customers", NOW - HOUR / 2, "d2"),
      materializedAt("payments", NOW - HOUR, "d2"),
      // orders: one failed, one warned; customers: warned; payments: passed; refunds: never run.
      evaluated(evaluation("orders", "unique_order_id", { passed: false })),
      evaluated(evaluation("orders", "row_count", warn)),
      evaluated(evaluation("customers", "not_null_id", warn)),
      evaluated(evaluation("payments", "positive")),
    ])
  ).values(),
];
const facts = workspaceFacts({ root: import.meta.dirname, graph, statuses });

describe("status: over checks and freshness in the CLI", () => {
  it.each([
    ["status:check_failed", ["orders"]],
    ["status:check_warning", ["customers"]],
    ["status:overdue", ["orders"]],
    ["status:check_failed or status:check_warning", ["orders", "customers"]],
    ["status:fresh and not status:check_failed", ["customers", "payments"]],
  ])("%s selects %j", (selection, keys) => {
    expect([...resolveSelection(selection, graph, facts)]).toEqual(keys);
  });
});
