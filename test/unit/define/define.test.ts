import { describe, expect, it } from "vitest";
import {
  AssetSpec,
  Definitions,
  MaterializeResult,
  MetadataValue,
  asset,
  createTestContext,
  graphAsset,
  multiAsset,
  op,
} from "assetline";
import { keyProblem } from "../../../sdk/src/define/keys";
import { normalizeMetadata } from "../../../sdk/src/define/metadata";
import { buildRepository } from "../../../sdk/src/define/repository";

describe("asset functions stay plain functions", () => {
  it("calls an asset with fake inputs and no runner", () => {
    const orders = asset({}, () => [{ amount: 2 }]);
    const doubled = asset({ ins: { orders } }, ({ orders }) => orders.map((o) => o.amount * 2));
    expect(doubled({ orders: [{ amount: 5 }] })).toEqual([10]);
  });

  it("gives a direct call a test context whose metadata can be inspected", () => {
    const counted = asset({ key: "counted" }, (ctx) => {
      ctx.addOutputMetadata({ rows: 3, ratio: 0.5, ok: true, note: "hi" });
      return 3;
    });
    const ctx = createTestContext("counted");
    expect(counted(ctx)).toBe(3);
    expect(ctx.metadata.counted).toEqual({
      rows: { type: "int", value: 3 },
      ratio: { type: "float", value: 0.5 },
      ok: { type: "bool", value: true },
      note: { type: "text", value: "hi" },
    });
  });

  it("runs a graph asset's ops in call order, awaiting each result", async () => {
    const seen: string[] = [];
    const download = op("download", () => (seen.push("download"), "s3://x.csv"));
    const parse = op("parse", (_ctx, path: string) => (seen.push(`parse ${path}`), [1, 2]));
    const validated = graphAsset(() => parse(download()));
    expect(await validated()).toEqual([1, 2]);
    expect(seen).toEqual(["download", "parse s3://x.csv"]);
  });

  it("lets a multi-asset yield one result per spec", async () => {
    const api = multiAsset({ specs: [AssetSpec("users"), AssetSpec("posts")] }, function* () {
      yield new MaterializeResult({ assetKey: "users", value: [1] });
      yield new MaterializeResult({ assetKey: "posts", value: [] });
    });
    const results = [...(api() as Iterable<MaterializeResult>)];
    expect(results.map((r) => r.assetKey)).toEqual(["users", "posts"]);
  });
});

describe("asset keys", () => {
  it.each(["orders", "warehouse/orders", "a-b/c_d/e1"])("accepts %s", (key) => expect(keyProblem(key)).toBeUndefined());
  it.each([
    ["", /empty/],
    ["/etc/passwd", /absolute/],
    ["a/../b", /walk out/],
    ["..", /walk out/],
    ["a//b", /empty part/],
    ["a b", /letters, digits/],
    ["orders/", /ends with/],
  ])("refuses %j with a reason", (key, reason) => expect(keyProblem(key)).toMatch(reason));

  it("refuses an invalid AssetSpec key when it is defined", () => {
    expect(() => AssetSpec("../escape")).toThrow(/cannot walk out/);
  });
});

describe("metadata", () => {
  it("types plain values and keeps typed ones", () => {
    const at = new Date(0);
    expect(
      normalizeMetadata({
        n: 1,
        md: MetadataValue.md("# hi"),
        when: at,
        obj: { a: 1 },
        rows: MetadataValue.table([{ a: 1 }, { b: 2 }]),
      }),
    ).toEqual({
      n: { type: "int", value: 1 },
      md: { type: "md", value: "# hi" },
      when: { type: "timestamp", value: 0 },
      obj: { type: "json", value: { a: 1 } },
      rows: { type: "table", value: { columns: ["a", "b"], rows: [{ a: 1 }, { b: 2 }] } },
    });
  });
});

describe("runtime repository", () => {
  it("keys assets by export name, keeps multi-asset specs as members and follows Definitions", () => {
    const users = AssetSpec("users");
    const api = multiAsset({ specs: [users] }, function* () {});
    const raw = asset({}, () => 1);
    const named = asset({ key: "warehouse/clean", ins: { raw }, deps: ["users"] }, ({ raw }) => raw);
    const unused = asset({}, () => 0);
    const repo = buildRepository([
      { users, api, raw, named, unused, default: new Definitions({ assets: [api, raw, named] }) },
    ]);
    expect(repo.graph.nodes.map((n) => [n.key, n.kind])).toEqual([
      ["users", "multi-asset-member"],
      ["raw", "asset"],
      ["warehouse/clean", "asset"],
    ]);
    expect(repo.graph.edges).toEqual([
      { from: "raw", to: "warehouse/clean", kind: "data" },
      { from: "users", to: "warehouse/clean", kind: "order" },
    ]);
  });

  it("uses the definitions file's Definitions when one is named, as the analyzer does, else the first loaded", () => {
    const raw = asset({}, () => 1);
    const other = asset({}, () => 2);
    const modules = [
      { raw, other, default: new Definitions({ assets: [raw, other] }) },
      { defs: new Definitions({ assets: [raw] }) },
    ];
    expect(buildRepository(modules).graph.nodes.map((n) => n.key)).toEqual(["raw", "other"]);
    expect(buildRepository(modules, 1).graph.nodes.map((n) => n.key)).toEqual(["raw"]);
  });

  it("names both definitions' problem when a key is defined twice", () => {
    const a = asset({ key: "same" }, () => 1);
    const b = asset({ key: "same" }, () => 2);
    expect(() => buildRepository([{ a, b }])).toThrow(
      'Duplicate asset key "same": defined by the exports "a" and "b". Rename one of them',
    );
  });

  it("keys a handle exported under several names by its named export, whatever order the namespace lists them in", () => {
    const orders = asset({}, () => 1);
    // A loaded module's namespace lists its names sorted: `default` before `orders`.
    expect(buildRepository([{ default: orders, orders }]).graph.nodes.map((n) => n.key)).toEqual(["orders"]);
  });

  it("names the place in the Definitions of a listed asset that has no key", () => {
    const raw = asset({}, () => 1);
    const hidden = asset({}, () => 2);
    expect(() => buildRepository([{ raw, default: new Definitions({ assets: [raw, hidden] }) }])).toThrow(
      "The asset at `assets[1]` of the Definitions has no key: export it, or give it a `key` option.",
    );
  });

  it("names the downstream asset when an upstream handle has no key", () => {
    const hidden = asset({}, () => 1);
    const report = asset({ ins: { hidden } }, ({ hidden }) => hidden);
    expect(() => buildRepository([{ report }])).toThrow('An upstream asset of "report" has no key: export it');
  });
});

describe("pools", () => {
  it("keeps an asset's pool for its steps, and refuses one that is not a name, saying which asset", () => {
    const load = asset({ pool: "warehouse" }, () => 1);
    const { byKey } = buildRepository([{ load }]);
    expect(byKey.get("load")?.pool).toBe("warehouse");
    expect(() => asset({ key: "bad", pool: "ware house" }, () => 1)).toThrow(
      'asset("bad"): `pool` must be a name of letters, digits, "_", "-" or "." (at most 64), such as "warehouse", not "ware house".',
    );
  });
});
