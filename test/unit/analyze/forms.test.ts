/** Every way the SDK lets a user write a definition, each as a small workspace: the graph the analyzer builds from it. */
import { describe, expect, it } from "vitest";
import type { AssetNode } from "../../../sdk/src/protocol/graph";
import { analyzeFiles } from "./workspace";

interface FormCase {
  name: string;
  files: Record<string, string>;
  nodes: Record<string, Partial<AssetNode>>;
  edges: string[];
  jobs?: { name: string; selection: string }[];
}

const cases: FormCase[] = [
  {
    name: "keys from export names, ins by handle and by key string",
    files: {
      "src/a.ts": `import { asset } from "assetline";
export const orders = asset({ group: "bronze", tags: { pii: "true" }, kinds: ["table"], owners: ["team:data"] }, () => [1]);
export const customers = asset(() => [2]);
export const joined = asset({ ins: { orders, c: "customers" } }, ({ orders, c }) => [orders, c]);`,
    },
    nodes: {
      orders: {
        kind: "asset",
        group: "bronze",
        tags: { pii: "true" },
        kinds: ["table"],
        owners: ["team:data"],
        definedBy: "orders",
      },
      customers: { kind: "asset", group: "default", tags: {}, kinds: [], owners: [] },
      joined: { kind: "asset" },
    },
    edges: ["customers -data-> joined", "orders -data-> joined"],
  },
  {
    name: "handles imported under another name, through re-exports and import * as",
    files: {
      "src/raw.ts": `import { asset as makeAsset } from "assetline";\nexport const raw = makeAsset(() => 1);\nconst hidden = makeAsset({ key: "named" }, () => 2);\nexport { hidden as renamed };`,
      "src/index.ts": `export * from "./raw";\nexport { raw as rawAgain } from "./raw.js";`,
      "src/use.ts": `import * as al from "assetline";
import * as all from "./index";
import { rawAgain as r } from "./index";
import { renamed } from "./raw";
export const a = al.asset({ ins: { r } }, () => 1);
export const b = al.asset({ deps: [all.raw, renamed] }, () => 2);`,
    },
    nodes: { raw: { kind: "asset" }, named: { kind: "asset", definedBy: "renamed" }, a: {}, b: {} },
    edges: ["named -order-> b", "raw -data-> a", "raw -order-> b"],
  },
  {
    name: "prefixed keys, key and name options, deps as ordering-only edges, string constants",
    files: {
      "src/w.ts": `import { asset, AssetSpec } from "assetline";
const SOURCE = "warehouse/orders";
export const warehouse_orders = AssetSpec("warehouse/orders", { group: "warehouse", description: "Nightly import" });
export const audit = asset({ key: "warehouse/audit", deps: ["warehouse/orders"] }, () => 1);
export const check = asset({ name: "warehouse/check", ins: { source: SOURCE } }, () => 1);`,
    },
    nodes: {
      "warehouse/orders": {
        kind: "external",
        group: "warehouse",
        description: "Nightly import",
        definedBy: "warehouse_orders",
      },
      "warehouse/audit": { kind: "asset" },
      "warehouse/check": { kind: "asset" },
    },
    edges: ["warehouse/orders -data-> warehouse/check", "warehouse/orders -order-> warehouse/audit"],
  },
  {
    name: "multi-asset with inline specs and specs bound to variables, sharing the multi-asset's ins",
    files: {
      "src/specs.ts": `import { AssetSpec } from "assetline";\nexport const usersSpec = AssetSpec("users", { group: "people", owners: ["ana"] });`,
      "src/api.ts": `import { AssetSpec, asset, multiAsset } from "assetline";
import { usersSpec } from "./specs";
export const token = asset(() => "t");
const postsSpec = AssetSpec("posts", { kinds: ["json"] });
export const extract = multiAsset({ specs: [usersSpec, postsSpec, AssetSpec("comments", { tags: { raw: "yes" } })], group: "api", ins: { token } }, async function* () {});
export const reader = asset({ ins: { users: "users", first: extract } }, () => 1);`,
    },
    nodes: {
      users: { kind: "multi-asset-member", group: "people", owners: ["ana"], definedBy: "extract" },
      posts: { kind: "multi-asset-member", group: "api", kinds: ["json"] },
      comments: { kind: "multi-asset-member", group: "api", tags: { raw: "yes" } },
      token: {},
      reader: {},
    },
    edges: [
      "token -data-> comments",
      "token -data-> posts",
      "token -data-> users",
      "users -data-> reader",
      "users -data-> reader",
    ],
  },
  {
    name: "graph asset built from ops, in the order they run",
    files: {
      "src/ops.ts": `import { op } from "assetline";\nexport const download = op("download_csv", async () => "s3://x");`,
      "src/g.ts": `import { graphAsset, op } from "assetline";
import { download } from "./ops";
const parse = op("parse_csv", async (ctx, path: string) => [path]);
const validate = op("validate_data", async (ctx, rows: string[]) => rows);
export const upstream_file = graphAsset(() => download());
export const validated = graphAsset({ group: "sales", deps: [upstream_file] }, () => validate(parse(download())));`,
    },
    nodes: {
      validated: { kind: "graph-asset", group: "sales", ops: ["download_csv", "parse_csv", "validate_data"] },
      upstream_file: { kind: "graph-asset", ops: ["download_csv"] },
    },
    edges: ["upstream_file -order-> validated"],
  },
  {
    name: "jobs: selection strings and AssetSelection builder chains; Definitions picks the jobs",
    files: {
      "src/assets.ts": `import { asset } from "assetline";\nexport const bronze = asset({ group: "bronze" }, () => 1);\nexport const silver = asset({ group: "silver", ins: { bronze } }, () => 1);`,
      "src/jobs.ts": `import { AssetSelection as S, defineAssetJob } from "assetline";
import { silver } from "./assets";
export const all = defineAssetJob({ name: "all", selection: S.all() });
export const up = defineAssetJob({ name: "up", selection: S.keys(silver).upstream().minus(S.groups("silver")) });
export const text = defineAssetJob({ name: "text", selection: "group:bronze+" });
export const unlisted = defineAssetJob({ name: "unlisted", selection: "*" });`,
      "src/definitions.ts": `import { Definitions } from "assetline";
import { bronze, silver } from "./assets";
import { all, text, up } from "./jobs";
export default new Definitions({ assets: [bronze, silver], jobs: [all, up, text] });`,
    },
    nodes: { bronze: {}, silver: {} },
    edges: ["bronze -data-> silver"],
    jobs: [
      { name: "all", selection: "*" },
      { name: "up", selection: "+key:silver and not group:silver" },
      { name: "text", selection: "group:bronze+" },
    ],
  },
  {
    name: "descriptions from the option, else the JSDoc on the exported const; explicit codeVersion wins",
    files: {
      "src/d.ts": `import { asset } from "assetline";
/**
 * Raw orders,
 * straight from the API.
 * @see https://example.com
 */
export const documented = asset(() => 1);
/** Ignored: the option wins. */
export const described = asset({ description: "From the option", codeVersion: "v7" }, () => 1);`,
    },
    nodes: {
      documented: { description: "Raw orders,\nstraight from the API." },
      described: { description: "From the option", codeVersion: "v7" },
    },
    edges: [],
  },
  {
    name: "pools: an asset's own, a multi-asset's for its members",
    files: {
      "src/p.ts": `import { AssetSpec, asset, multiAsset } from "assetline";
export const loaded = asset({ pool: "warehouse" }, () => 1);
export const pair = multiAsset({ pool: "api", specs: [AssetSpec("left"), AssetSpec("right")] }, async function* () {});
export const free = asset(() => 1);`,
    },
    nodes: { loaded: { pool: "warehouse" }, left: { pool: "api" }, right: { pool: "api" }, free: {} },
    edges: [],
  },
];

describe("analyzer: definition forms", () => {
  it.each(cases)("$name", ({ files, nodes, edges, jobs }) => {
    const workspace = analyzeFiles(files);
    expect(workspace.codes()).toEqual([]);
    const graph = workspace.analyzer.graph();
    expect(graph.nodes.map((n) => n.key).sort()).toEqual(Object.keys(nodes).sort());
    for (const [key, expected] of Object.entries(nodes))
      expect(graph.nodes.find((n) => n.key === key)).toMatchObject(expected);
    expect(workspace.edges()).toEqual(edges);
    if (jobs) expect(graph.jobs.map(({ name, selection }) => ({ name, selection }))).toEqual(jobs);
  });

  it("keys a definition exported under several names as the runtime does: the named export, not default", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `import { asset } from "assetline";\nconst orders = asset(() => 1);\nexport default orders;\nexport { orders };`,
    });
    expect(workspace.analyzer.graph().nodes.map((n) => n.key)).toEqual(["orders"]);
  });

  it("gives every node, name and edge a location in its file", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `import { asset } from "assetline";\nexport const up = asset(() => 1);\nexport const down = asset({ key: "down_key", ins: { up } }, () => 2);`,
    });
    const graph = workspace.analyzer.graph();
    const down = graph.nodes.find((n) => n.key === "down_key")!;
    expect(down.nameLocation).toEqual({
      file: workspace.path("src/a.ts"),
      range: { start: workspace.at("src/a.ts", "down_key"), end: workspace.at("src/a.ts", "down_key", 8) },
    });
    expect(down.location?.range.start).toEqual(workspace.at("src/a.ts", "asset({ key"));
    expect(graph.nodes.find((n) => n.key === "up")!.nameLocation?.range.start).toEqual(
      workspace.at("src/a.ts", "up ="),
    );
    expect(graph.edges[0]!.location?.range.start).toEqual(workspace.at("src/a.ts", "up }"));
  });

  it("lists as entry files only the files that define something", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `import { asset } from "assetline";\nexport const a = asset(() => 1);`,
      "src/helpers.ts": `export const twice = (n: number) => n * 2;`,
    });
    expect(workspace.analyzer.entryFiles()).toEqual([workspace.path("src/a.ts")]);
  });
});
