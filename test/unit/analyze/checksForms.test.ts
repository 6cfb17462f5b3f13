/**
 * Every way a user writes a check, each as a small workspace: the checks the analyzer puts on the graph (key, asset,
 * name, form, blocking, who defines them) and the freshness policies on its assets, without running the code.
 */
import { describe, expect, it } from "vitest";
import type { AssetCheckNode, FreshnessPolicy } from "../../../sdk/src/protocol/checks";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, multiAsset, AssetSpec, AssetIn, Definitions, assetCheck, multiAssetCheck, checks } from "assetline";\n`;
const assets = `${sdk}export const orders = asset(() => []);\nexport const customers = asset(() => []);\nexport const raw = AssetSpec("raw/events");\n`;

type Expected = Omit<AssetCheckNode, "key" | "location" | "assetLocation">;

interface FormCase {
  name: string;
  files: Record<string, string>;
  /** By check key. */
  checks: Record<string, Expected>;
  /** Asset key -> its policy (assets not listed have none). */
  freshness?: Record<string, FreshnessPolicy>;
}

const check = (asset: string, name: string, form: Expected["form"], extra: Partial<Expected> = {}): Expected => ({
  name,
  asset,
  blocking: false,
  form,
  ...extra,
});

const cases: FormCase[] = [
  {
    name: "assetCheck on a handle, a key string and a const key; named by `name`, else by its export; names in consts",
    files: {
      "src/assets.ts": assets,
      "src/keys.ts": `export const ORDERS_KEY = "orders";\nexport const ID = "order_id";\nexport const SHORT = "short";`,
      "src/checks.ts": `${sdk}import { orders } from "./assets";\nimport { ORDERS_KEY, ID, SHORT } from "./keys";
export const positive_totals = assetCheck({ asset: orders, blocking: true, description: "Totals are positive" }, () => true);
export const byKey = assetCheck({ asset: "customers", name: "has_rows" }, () => true);
export const byConst = assetCheck({ asset: ORDERS_KEY, name: "by_const" }, () => true);
export const columnConst = checks.unique(ID, { asset: orders });
export const nameConst = checks.rowCount({ asset: orders, name: SHORT });`,
    },
    checks: {
      "orders:positive_totals": check("orders", "positive_totals", "assetCheck", {
        blocking: true,
        description: "Totals are positive",
        definedBy: "positive_totals",
      }),
      "customers:has_rows": check("customers", "has_rows", "assetCheck", { definedBy: "byKey" }),
      "orders:by_const": check("orders", "by_const", "assetCheck", { definedBy: "byConst" }),
      "orders:unique_order_id": check("orders", "unique_order_id", "assetCheck", { definedBy: "columnConst" }),
      "orders:short": check("orders", "short", "assetCheck", { definedBy: "nameConst" }),
    },
  },
  {
    name: "multiAssetCheck: one node per spec, sharing its binding; reading `ins`, else its specs' assets",
    files: {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { orders, customers } from "./assets";
export const consistency = multiAssetCheck(
  { specs: [{ asset: orders, name: "matches_customers", blocking: true }, { asset: "customers", name: "matches_orders" }], ins: { orders, customers: AssetIn(customers) } },
  function* () {},
);
export const pair = multiAssetCheck({ specs: [{ asset: orders, name: "paired" }, { asset: customers, name: "paired" }] }, function* () {});`,
    },
    checks: {
      "orders:matches_customers": check("orders", "matches_customers", "multiAssetCheck", {
        blocking: true,
        additionalAssets: ["customers"],
        definedBy: "consistency",
      }),
      "customers:matches_orders": check("customers", "matches_orders", "multiAssetCheck", {
        additionalAssets: ["orders"],
        definedBy: "consistency",
      }),
      "orders:paired": check("orders", "paired", "multiAssetCheck", {
        additionalAssets: ["customers"],
        definedBy: "pair",
      }),
      "customers:paired": check("customers", "paired", "multiAssetCheck", {
        additionalAssets: ["orders"],
        definedBy: "pair",
      }),
    },
  },
  {
    name: "inline checks in an asset's `checks`: builtins and assetCheck, on the asset, defined by its binding",
    files: {
      "src/assets.ts": `${sdk}export const orders = asset({ checks: [checks.unique("order_id"), checks.notNull("total", { blocking: true }), checks.rowCount({ min: 1 }), assetCheck({ name: "positive_totals" }, () => true)] }, () => []);`,
    },
    checks: {
      "orders:unique_order_id": check("orders", "unique_order_id", "inline", { definedBy: "orders" }),
      "orders:not_null_total": check("orders", "not_null_total", "inline", { blocking: true, definedBy: "orders" }),
      "orders:row_count": check("orders", "row_count", "inline", { definedBy: "orders" }),
      "orders:positive_totals": check("orders", "positive_totals", "inline", { definedBy: "orders" }),
    },
  },
  {
    name: "builtins at the top level: their own names, a `name` option over them, `checks.freshness`",
    files: {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { orders } from "./assets";
export const ordersUnique = checks.unique("order_id", { asset: orders });
export const ordersCount = checks.rowCount({ asset: orders, min: 1, name: "enough_orders" });
export const ordersFresh = checks.freshness({ asset: "orders", maximumLag: "1d 6h", cron: "0 6 * * *" });`,
    },
    checks: {
      "orders:unique_order_id": check("orders", "unique_order_id", "assetCheck", { definedBy: "ordersUnique" }),
      "orders:enough_orders": check("orders", "enough_orders", "assetCheck", { definedBy: "ordersCount" }),
      "orders:freshness": check("orders", "freshness", "assetCheck", { definedBy: "ordersFresh" }),
    },
  },
  {
    name: "Definitions({ checks }): a check not exported, one written there, one exported and listed (once); not one unlisted",
    files: {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { orders } from "./assets";
const hidden = assetCheck({ asset: orders, name: "hidden" }, () => true);
const unlisted = assetCheck({ asset: orders, name: "unlisted" }, () => true);
export const shown = checks.notNull("id", { asset: orders });
export { hidden };`,
      "src/definitions.ts": `${sdk}import { orders, customers, raw } from "./assets";\nimport * as c from "./checks";
const local = assetCheck({ asset: "orders", name: "local" }, () => true);
export default new Definitions({ assets: [orders, customers, raw], checks: [c.hidden, c.shown, local, assetCheck({ asset: customers, name: "written_here" }, () => true)] });`,
    },
    checks: {
      "orders:hidden": check("orders", "hidden", "assetCheck", { definedBy: "hidden" }),
      "orders:not_null_id": check("orders", "not_null_id", "assetCheck", { definedBy: "shown" }),
      "orders:local": check("orders", "local", "assetCheck"),
      "customers:written_here": check("customers", "written_here", "assetCheck"),
    },
  },
  {
    name: "through imports under another name, re-exports, `import * as`, aliases and the SDK under other names",
    files: {
      "src/assets.ts": assets,
      "src/index.ts": `export * from "./assets";\nexport { orders as allOrders } from "./assets";`,
      "src/checks.ts": `import * as al from "assetline";\nimport { checks as c, assetCheck as check } from "assetline";
import { allOrders } from "./index";\nimport * as lib from "./index";\nimport { customers as people } from "./assets";
const alias = lib.orders;
export const viaReexport = al.assetCheck({ asset: allOrders, name: "via_reexport" }, () => true);
export const viaNamespace = al.checks.unique("id", { asset: lib.customers });
export const viaRename = c.rowCount({ asset: people });
export const viaAlias = check({ asset: alias, name: "via_alias" }, () => true);`,
    },
    checks: {
      "orders:via_reexport": check("orders", "via_reexport", "assetCheck", { definedBy: "viaReexport" }),
      "customers:unique_id": check("customers", "unique_id", "assetCheck", { definedBy: "viaNamespace" }),
      "customers:row_count": check("customers", "row_count", "assetCheck", { definedBy: "viaRename" }),
      "orders:via_alias": check("orders", "via_alias", "assetCheck", { definedBy: "viaAlias" }),
    },
  },
  {
    name: "a check named in an asset's `checks` from another file: inline on that asset",
    files: {
      "src/shared.ts": `${sdk}export const hasRows = checks.rowCount({ min: 1 });`,
      "src/assets.ts": `${sdk}import { hasRows } from "./shared";\nexport const orders = asset({ checks: [hasRows] }, () => []);`,
    },
    checks: { "orders:row_count": check("orders", "row_count", "inline", { definedBy: "orders" }) },
  },
  {
    name: "freshness policies: an asset's, an AssetSpec's, a multi-asset member's own; strings in consts",
    files: {
      "src/policy.ts": `export const LAG = "24h";\nexport const SIX = "0 6 * * *";`,
      "src/assets.ts": `${sdk}import { LAG, SIX } from "./policy";
export const orders = asset({ freshness: { maximumLag: LAG } }, () => []);
export const early = asset({ freshness: { maximumLag: "1h", cron: SIX } }, () => []);
export const daily = asset({ freshness: { maximumLag: "90m", cron: "0 6 * * *", cronTimezone: "Europe/Paris" } }, () => []);
export const raw = AssetSpec("raw/events", { freshness: { maximumLag: "1w" } });
export const pair = multiAsset({ specs: [AssetSpec("left", { freshness: { maximumLag: "2h" } }), AssetSpec("right")] }, function* () {});`,
    },
    checks: {},
    freshness: {
      orders: { maximumLag: "24h", maximumLagMs: 86_400_000 },
      daily: { maximumLag: "90m", maximumLagMs: 5_400_000, cron: "0 6 * * *", cronTimezone: "Europe/Paris" },
      early: { maximumLag: "1h", maximumLagMs: 3_600_000, cron: "0 6 * * *" },
      "raw/events": { maximumLag: "1w", maximumLagMs: 604_800_000 },
      left: { maximumLag: "2h", maximumLagMs: 7_200_000 },
    },
  },
];

describe("checks and freshness in every form", () => {
  it.each(cases)("$name", ({ files, checks, freshness = {} }) => {
    const { analyzer } = analyzeFiles(files);
    const graph = analyzer.graph();
    expect(analyzer.diagnostics().map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const found = Object.fromEntries(
      (graph.checks ?? []).map(({ key, location: _location, assetLocation: _asset, ...node }) => [key, node]),
    );
    expect(found).toEqual(checks);
    const policies = Object.fromEntries(
      graph.nodes.flatMap((node) => (node.freshness ? [[node.key, node.freshness]] : [])),
    );
    expect(policies).toEqual(freshness);
  });

  it("places a check at its call and its asset at the reference, for navigation", () => {
    const files = {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { orders } from "./assets";\nexport const positive = assetCheck({ asset: orders }, () => true);`,
    };
    const { analyzer, path } = analyzeFiles(files);
    const [node] = analyzer.graph().checks ?? [];
    const text = files["src/checks.ts"];
    const lines = text.split("\n");
    const slice = (range: { start: { line: number; character: number }; end: { character: number } }) =>
      lines[range.start.line]!.slice(range.start.character, range.end.character);
    expect(node?.location?.file).toBe(path("src/checks.ts"));
    expect(slice(node!.location!.range)).toBe("assetCheck({ asset: orders }, () => true)");
    expect(slice(node!.assetLocation!.range)).toBe("orders");
  });

  it("lists checks in the order each file writes them", () => {
    const { analyzer } = analyzeFiles({
      "src/a.ts": `${sdk}export const first = assetCheck({ asset: "orders" }, () => true);
export const orders = asset({ checks: [checks.unique("id"), checks.rowCount()] }, () => []);
export const last = assetCheck({ asset: orders }, () => true);`,
    });
    expect(analyzer.graph().checks?.map((node) => node.key)).toEqual([
      "orders:first",
      "orders:unique_id",
      "orders:row_count",
      "orders:last",
    ]);
  });

  it("leaves out the checks of files the definitions file does not reach, as the runner does", () => {
    const { analyzer } = analyzeFiles(
      {
        "src/assets.ts": assets,
        "src/reached.ts": `${sdk}import { orders } from "./assets";\nexport const reached = assetCheck({ asset: orders }, () => true);`,
        "src/elsewhere.ts": `${sdk}import { orders } from "./assets";\nexport const elsewhere = assetCheck({ asset: orders }, () => true);`,
        "src/definitions.ts": `${sdk}import { orders, customers, raw } from "./assets";\nimport { reached } from "./reached";\nexport default new Definitions({ assets: [orders, customers, raw], checks: [reached] });`,
      },
      { definitionsFile: "src/definitions.ts" },
    );
    expect(analyzer.graph().checks?.map((node) => node.key)).toEqual(["orders:reached"]);
  });
});
