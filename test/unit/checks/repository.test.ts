/**
 * The run-time repository's checks: which exist (exported, listed in the Definitions, inline), what they are named,
 * the graph's `checks` and an asset's `freshness`, and the definition the runner finds by key.
 */
import { describe, expect, it } from "vitest";
import {
  AssetCheckResult,
  AssetSpec,
  Definitions,
  asset,
  assetCheck,
  checks,
  multiAsset,
  multiAssetCheck,
} from "assetline";
import { createCheckContext } from "../../../sdk/src/checks/checkContext";
import { checkResults } from "../../../sdk/src/checks/results";
import { buildRepository } from "../../../sdk/src/define/repository";

const orders = asset({ freshness: { maximumLag: "1d 6h", cron: "0 6 * * *", cronTimezone: "Europe/Paris" } }, () => [
  { order_id: 1, total: 5 },
]);
const customers = asset({ checks: [checks.notNull("email"), assetCheck({ name: "some" }, () => true)] }, () => []);

describe("the repository's checks", () => {
  it("names each check by its option, its builtin name or its export, and writes the graph's checks", () => {
    const positive = assetCheck({ asset: orders, blocking: true, description: "totals > 0" }, () => true);
    const listed = checks.rowCount({ asset: "orders", min: 1 });
    const both = multiAssetCheck(
      {
        specs: [
          { asset: orders, name: "linked" },
          { asset: customers, name: "linked", blocking: true },
        ],
      },
      () => [],
    );
    const reads = assetCheck({ asset: orders, name: "known", ins: { orders, customers } }, () => true);
    const { graph } = buildRepository([
      { orders, customers, positive, both, reads },
      { definitions: new Definitions({ assets: [orders, customers], checks: [listed, positive] }) },
    ]);
    expect(graph.checks).toEqual([
      {
        key: "orders:positive",
        name: "positive",
        asset: "orders",
        blocking: true,
        description: "totals > 0",
        form: "assetCheck",
        definedBy: "positive",
      },
      {
        key: "orders:linked",
        name: "linked",
        asset: "orders",
        blocking: false,
        additionalAssets: ["customers"],
        form: "multiAssetCheck",
        definedBy: "both",
      },
      {
        key: "customers:linked",
        name: "linked",
        asset: "customers",
        blocking: true,
        additionalAssets: ["orders"],
        form: "multiAssetCheck",
        definedBy: "both",
      },
      {
        key: "orders:known",
        name: "known",
        asset: "orders",
        blocking: false,
        additionalAssets: ["customers"],
        form: "assetCheck",
        definedBy: "reads",
      },
      { key: "orders:row_count", name: "row_count", asset: "orders", blocking: false, form: "assetCheck" },
      {
        key: "customers:not_null_email",
        name: "not_null_email",
        asset: "customers",
        blocking: false,
        form: "inline",
        definedBy: "customers",
      },
      {
        key: "customers:some",
        name: "some",
        asset: "customers",
        blocking: false,
        form: "inline",
        definedBy: "customers",
      },
    ]);
    expect(graph.nodes.find((node) => node.key === "orders")?.freshness).toEqual({
      maximumLag: "1d 6h",
      maximumLagMs: 30 * 3_600_000,
      cron: "0 6 * * *",
      cronTimezone: "Europe/Paris",
    });
  });

  it("lets the runner find and run a check's definition by key", async () => {
    const totals = multiAssetCheck(
      {
        specs: [
          { asset: orders, name: "a" },
          { asset: orders, name: "b" },
        ],
      },
      (values) => [
        AssetCheckResult({ passed: Array.isArray(values.orders), checkName: "a" }),
        AssetCheckResult({ passed: false, checkName: "b", severity: "warn", description: "no" }),
      ],
    );
    const repository = buildRepository([{ orders, totals }]);
    const found = repository.check("orders:b")!;
    expect(found).toBe(repository.check("orders:a"));
    expect(found.keys).toEqual(["orders:a", "orders:b"]);
    expect(found.info.specs.map((spec) => spec.asset)).toEqual(["orders", "orders"]);
    const output = await found.info.execute({ orders: [] }, createCheckContext({ assetKey: "orders" }));
    expect(checkResults(output, found.info, found.keys).map(({ passed, severity }) => ({ passed, severity }))).toEqual([
      { passed: true, severity: "error" },
      { passed: false, severity: "warn" },
    ]);
    expect(repository.check("orders:c")).toBeUndefined();
  });

  it.each([
    [
      "two checks of one name on one asset",
      () => [
        { orders, a: checks.unique("order_id", { asset: orders }), b: checks.unique("order_id", { asset: orders }) },
      ],
      'Two checks are named "unique_order_id" on asset "orders" (defined by "a" and "b"): give one a different `name` option.',
    ],
    [
      "a check about an unknown asset",
      () => [{ orders, typo: assetCheck({ asset: "ordrs" }, () => true) }],
      'The check "typo" is about "ordrs", which is no asset of the workspace',
    ],
    [
      "a listed check without a name",
      () => [{ orders, d: new Definitions({ assets: [orders], checks: [assetCheck({ asset: orders }, () => true)] }) }],
      "The check at `checks[0]` of the Definitions has no name: export it from a module the workspace loads, or give it a `name` option.",
    ],
    [
      "a listed check without an asset",
      () => [{ orders, d: new Definitions({ assets: [orders], checks: [checks.unique("id")] }) }],
      "names no `asset`: give it one, or move it into its asset's `checks: [...]`.",
    ],
    [
      "an inline check without a name",
      () => [{ bare: asset({ checks: [assetCheck({}, () => true)] }, () => 1) }],
      'asset "bare": `checks[0]` has no name: give it a `name` option.',
    ],
  ])("refuses %s", (_case, modules, message) => {
    expect(() => buildRepository(modules())).toThrow(message);
  });

  it("counts a check exported and listed once, and names an exported inline check by its export", () => {
    const fresh = checks.freshness({ asset: orders, maximumLag: "24h" });
    const positive = assetCheck({}, () => true);
    const totals = asset({ checks: [positive] }, () => 1);
    const { graph } = buildRepository([
      { orders, fresh, positive, totals, defs: new Definitions({ assets: [orders, totals], checks: [fresh] }) },
    ]);
    expect(graph.checks?.map((check) => check.key)).toEqual(["orders:freshness", "totals:positive"]);
  });

  it("writes the freshness of an external asset and of a multi-asset's member", () => {
    const raw = AssetSpec("raw", { freshness: { maximumLag: "2h" } });
    const pair = multiAsset({ specs: [AssetSpec("a", { freshness: { maximumLag: "1w" } }), AssetSpec("b")] }, () => []);
    const { graph } = buildRepository([{ raw, pair }]);
    expect(Object.fromEntries(graph.nodes.map((node) => [node.key, node.freshness?.maximumLagMs]))).toEqual({
      raw: 2 * 3_600_000,
      a: 7 * 24 * 3_600_000,
      b: undefined,
    });
  });

  it("writes an empty list when there are no checks", () => {
    expect(buildRepository([{ orders }]).graph.checks).toEqual([]);
  });
});
