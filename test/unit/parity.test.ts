/**
 * Parity: the graph the analyzer reads from the example's code without running it equals the graph the SDK builds
 * when the same modules are loaded, node for node and edge for edge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../sdk/src/analyze";
import { buildRepository } from "../../sdk/src/define/repository";
import { loadWorkspace } from "../../sdk/src/run/loadWorkspace";
import type { AssetGraph } from "../../sdk/src/protocol/graph";

const example = fileURLToPath(new URL("../../examples/ecommerce", import.meta.url));
/** Packages that import each other by name, through a tsconfig path alias and `.js` specifiers. */
const monorepo = fileURLToPath(new URL("../../examples/monorepo", import.meta.url));
/**
 * The forms the example does not use: keys in constants, a multi-asset's options as its members' defaults, checks in
 * every form (exported, inline, listed by the Definitions, multi-asset) and freshness policies.
 */
const fixture = fileURLToPath(new URL("./parityFixture", import.meta.url));
/** Schedules, sensors and automation conditions in the forms the analyzer reads. */
const automationFixture = fileURLToPath(new URL("./automationParityFixture", import.meta.url));

/** The node fields both sides must agree on (partitions apart, see below). */
const NODE_FIELDS = [
  "key",
  "kind",
  "group",
  "tags",
  "kinds",
  "owners",
  "multiAsset",
  "backfillPolicy",
  "freshness",
  "automationCondition",
] as const;

function pick<T, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, value[key]])) as Pick<T, K>;
}

/** What both sides must agree on, sorted so that definition order does not matter. */
function comparable(graph: AssetGraph) {
  return {
    // Descriptions are left out: the analyzer also reads JSDoc comments, which loaded code no longer has.
    nodes: graph.nodes
      .map((node) => ({
        ...pick(node, NODE_FIELDS),
        // `count` is left out: the analyzer counts time windows up to its clock, the loaded code has no store.
        partitions: node.partitions && { ...node.partitions, count: undefined },
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    edges: graph.edges
      .map(({ from, to, kind, mapping }) => `${from} -${kind}${mapping ? ` ${JSON.stringify(mapping)}` : ""}-> ${to}`)
      .sort(),
    jobs: graph.jobs.map(({ name, selection }) => ({ name, selection })),
    // Locations are the analyzer's alone (the runtime has no source positions).
    checks: (graph.checks ?? [])
      .map(({ location: _location, assetLocation: _assetLocation, ...check }) => check)
      .sort((a, b) => a.key.localeCompare(b.key)),
    schedules: (graph.schedules ?? []).map(({ location: _location, ...schedule }) => schedule).sort(byName),
    sensors: (graph.sensors ?? []).map(({ location: _location, ...sensor }) => sensor).sort(byName),
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The analyzer's graph and the one the SDK builds from the modules it names as entry files, as the runner loads them. */
async function bothGraphs(root: string) {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const modules = await Promise.all(
    analyzer.entryFiles().map((file) => import(file) as Promise<Record<string, unknown>>),
  );
  const runtime = buildRepository(modules).graph;
  const description = (key: string) =>
    [analyzer.graph(), runtime].map((graph) => graph.nodes.find((node) => node.key === key)?.description);
  return { analyzed: comparable(analyzer.graph()), runtime: comparable(runtime), description };
}

/** The same, with the runtime graph loaded as a run loads it: bundled by the runner with the analyzer's resolution. */
async function bundledGraphs(root: string) {
  const analyzer = createAnalyzer({ root });
  analyzer.loadFromDisk();
  const buildDir = mkdtempSync(join(tmpdir(), "assetline-parity-"));
  try {
    const repository = await loadWorkspace(root, analyzer.entryFiles(), buildDir, analyzer.moduleOf);
    return { analyzed: comparable(analyzer.graph()), runtime: comparable(repository.graph), analyzer };
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

describe("parity between the analyzer and the runtime", () => {
  it("builds the same graph for the e-commerce example", async () => {
    const { analyzed, runtime } = await bothGraphs(example);
    expect(analyzed.nodes).toHaveLength(22);
    expect(analyzed).toEqual(runtime);
  });

  it("builds the same graph for the monorepo example, across its packages", async () => {
    const { analyzed, runtime, analyzer } = await bundledGraphs(monorepo);
    expect(analyzer.diagnostics()).toEqual([]);
    // By package name (through raw's index.ts), through the `@raw/*` alias, and through a `.js` specifier.
    expect(analyzed.edges).toEqual([
      "order_facts -data-> revenue_by_segment",
      "raw/payments -data-> order_facts",
      "raw_customers -data-> order_facts",
      "raw_orders -data-> order_facts",
    ]);
    expect(analyzed).toEqual(runtime);
  });

  it("agrees on keys held in constants and on a multi-asset's shared options", async () => {
    const { analyzed, runtime, description } = await bothGraphs(fixture);
    expect(analyzed).toEqual(runtime);
    expect(analyzed.nodes.find((node) => node.key === "customers")).toMatchObject({
      group: "crm",
      tags: { source: "crm", tier: "silver", pii: "true" },
      owners: ["team:crm"],
      multiAsset: { firstKey: "customers", canSubset: true },
    });
    expect(description("customers")).toEqual(["Exported from the CRM", "Exported from the CRM"]);
    expect(description("segments")).toEqual(["Customer segments", "Customer segments"]);
    expect(analyzed.edges).toEqual(["segments -order-> revenue", "warehouse/orders -order-> revenue"]);
  });

  it("agrees on the kinds an IO manager adds: the asset's own io (through a const) over the Definitions'", async () => {
    const { analyzed, runtime } = await bothGraphs(fixture);
    const kinds = (graph: typeof analyzed) => Object.fromEntries(graph.nodes.map((node) => [node.key, node.kinds]));
    expect(kinds(analyzed)).toEqual(kinds(runtime));
    expect(kinds(analyzed)).toEqual({
      customers: ["table", "parquet"],
      segments: ["table", "parquet"],
      // Its own kinds first, the Definitions' duckdb added without repeating `table`.
      revenue: ["table", "finance", "duckdb"],
      // External: stored elsewhere, so no IO manager's kinds.
      "warehouse/orders": [],
    });
  });

  it("agrees on checks in every form and on freshness policies", async () => {
    const { analyzed, runtime } = await bothGraphs(fixture);
    expect(analyzed.checks).toEqual(runtime.checks);
    expect(analyzed.checks.map((check) => `${check.key} ${check.form}${check.blocking ? " blocking" : ""}`)).toEqual([
      "customers:crm_loaded multiAssetCheck",
      "customers:unique_id assetCheck blocking",
      "revenue:from_segments assetCheck",
      "revenue:has_rows inline",
      "revenue:matches_crm multiAssetCheck",
      "revenue:not_null_total assetCheck",
      "revenue:positive inline blocking",
      "revenue:revenue_reported assetCheck",
      "revenue:unique_day inline",
      "segments:crm_loaded multiAssetCheck",
      "segments:listed_here assetCheck",
      "warehouse/orders:freshness assetCheck",
    ]);
    expect(analyzed.nodes.find((node) => node.key === "customers")?.freshness).toMatchObject({ maximumLag: "2h" });
    expect(analyzed.nodes.find((node) => node.key === "warehouse/orders")?.freshness).toEqual({
      maximumLag: "1d 6h",
      maximumLagMs: 108_000_000,
      cron: "0 6 * * *",
      cronTimezone: "Europe/Paris",
    });
  });

  it("agrees on schedules, sensors and automation conditions", async () => {
    const { analyzed, runtime } = await bothGraphs(automationFixture);
    expect(analyzed).toEqual(runtime);
    const types = Object.fromEntries(analyzed.nodes.map((node) => [node.key, node.automationCondition?.label]));
    expect(types).toEqual({
      custom: undefined,
      left: "eager",
      manual: undefined,
      orders: "on_cron",
      orders_raw: "on_missing",
      revenue: "eager_all_partitions",
      right: "on_missing",
    });
    expect(analyzed.schedules.map((schedule) => `${schedule.name} ${JSON.stringify(schedule.target)}`)).toEqual([
      'by_name {"job":"gold_job"}',
      'hourly {"selection":"+key:orders"}',
      'listed_only {"selection":"key:manual"}',
      'nightly {"job":"gold_job"}',
    ]);
    const sensors = analyzed.sensors.map(({ name, kind, minimumInterval, hasFunction }) =>
      [name, kind, minimumInterval, hasFunction ? "with a function" : "without"].join(" "),
    );
    expect(sensors).toEqual([
      "after_gold runStatus 30s without",
      "new_files sensor 5m with a function",
      "on_failure runStatus 30s with a function",
      "on_orders asset 30s without",
      "on_orders_fn asset 30s with a function",
    ]);
  });
});
