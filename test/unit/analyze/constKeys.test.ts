/** Keys held in top-level string consts, here or imported: followed without a type checker; what cannot be followed is a warning. */
import { describe, expect, it } from "vitest";
import { DiagnosticCodes } from "../../../sdk/src/analyze";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, AssetSpec, AssetSelection, defineAssetJob, Definitions, multiAsset } from "assetline";\n`;

const keys = `export const ORDERS = "warehouse/orders";
export const RAW = "warehouse/orders_raw" as const;
export const USERS = \`api/users\`;
export const NIGHTLY = "key:warehouse/orders_raw+";
`;

describe("analyzer: keys held in consts", () => {
  it("follows consts in the same file: key option, AssetSpec, specs, deps, ins, selections", () => {
    const workspace = analyzeFiles({
      "src/w.ts": `${sdk}const ORDERS = "warehouse/orders";
const RAW = "warehouse/orders_raw" as const;
const EXTERNAL = "warehouse/import";
const USERS = "api/users";
const SELECTED = "key:warehouse/orders_raw+";
export const imported = AssetSpec(EXTERNAL, { group: "warehouse" });
export const raw = asset({ key: RAW, deps: [EXTERNAL] }, () => 1);
export const orders = asset({ name: ORDERS, ins: { r: RAW } }, ({ r }) => r);
export const api = multiAsset({ specs: [AssetSpec(USERS)], deps: [ORDERS] }, function* () {});
export const fromRaw = defineAssetJob({ name: "from_raw", selection: SELECTED });
export const justOrders = defineAssetJob({ name: "just_orders", selection: AssetSelection.keys(ORDERS) });`,
    });
    expect(workspace.codes()).toEqual([]);
    const graph = workspace.analyzer.graph();
    expect(graph.nodes.map((n) => `${n.key}:${n.kind}`).sort()).toEqual([
      "api/users:multi-asset-member",
      "warehouse/import:external",
      "warehouse/orders:asset",
      "warehouse/orders_raw:asset",
    ]);
    expect(workspace.edges()).toEqual([
      "warehouse/import -order-> warehouse/orders_raw",
      "warehouse/orders -order-> api/users",
      "warehouse/orders_raw -data-> warehouse/orders",
    ]);
    expect(graph.jobs.map(({ name, selection }) => `${name}: ${selection}`)).toEqual([
      "from_raw: key:warehouse/orders_raw+",
      "just_orders: key:warehouse/orders",
    ]);
  });

  it("follows consts imported by name, under another name, through re-exports, `import * as` and `const b = a`", () => {
    const workspace = analyzeFiles({
      "src/keys.ts": keys,
      "src/index.ts": `export { ORDERS as ORDERS_KEY } from "./keys";\nexport * from "./keys";`,
      "src/assets.ts": `${sdk}import { RAW as SOURCE } from "./keys";
import { ORDERS_KEY, USERS } from "./index";
import * as K from "./keys";
const SAME = K.ORDERS;
export const raw = asset({ key: SOURCE }, () => 1);
export const orders = asset({ key: ORDERS_KEY, deps: [K.RAW] }, () => 2);
export const audit = asset({ deps: [SAME] }, () => 3);
export const api = multiAsset({ specs: [AssetSpec(USERS)] }, function* () {});`,
      "src/jobs.ts": `${sdk}import { NIGHTLY } from "./index";\nexport const nightly = defineAssetJob({ name: "nightly", selection: NIGHTLY });`,
    });
    expect(workspace.codes()).toEqual([]);
    expect(
      workspace.analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["api/users", "audit", "warehouse/orders", "warehouse/orders_raw"]);
    expect(workspace.edges()).toEqual([
      "warehouse/orders -order-> audit",
      "warehouse/orders_raw -order-> warehouse/orders",
    ]);
    expect(workspace.analyzer.graph().jobs.map((j) => j.selection)).toEqual(["key:warehouse/orders_raw+"]);
  });

  it("warns, naming the asset, the file and the fix, about a key held in a `let`, a call or a template with substitutions", () => {
    const workspace = analyzeFiles({
      "src/keys.ts": `export let MUTABLE = "warehouse/orders";\nexport const computed = (name: string) => \`warehouse/\${name}\`;`,
      "src/a.ts": `${sdk}import { MUTABLE, computed } from "./keys";
const PREFIX = "warehouse";
export const up = asset(() => 1);
export const byCall = asset({ key: computed("orders") }, () => 1);
export const byTemplate = asset({ key: \`\${PREFIX}/orders\`, ins: { up } }, ({ up }) => up);
export const down = asset({ deps: [MUTABLE, computed("x"), byCall] }, () => 2);
export const spec = AssetSpec(MUTABLE);`,
    });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(diagnostics.every((d) => d.code === DiagnosticCodes.dynamicKey && d.severity === "warning")).toBe(true);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Asset "byCall" (src/a.ts): its key `computed("orders")` is a function call, which the analyzer cannot follow, so it is shown as "byCall". Use a string literal or a top-level const.',
      'Asset "byTemplate" (src/a.ts): its key `${PREFIX}/orders` is a template with substitutions, which the analyzer cannot follow, so it is shown as "byTemplate". Use a string literal or a top-level const.',
      'AssetSpec "spec" (src/a.ts): its key `MUTABLE` is a `let` variable in src/keys.ts, which the analyzer cannot follow, so it is left out of the graph. Use a string literal or a top-level const.',
      "down: upstream asset `MUTABLE` is a `let` variable in src/keys.ts, which the analyzer cannot follow, so this dependency is not in the graph. Use a string literal or a top-level const.",
      'down: upstream asset `computed("x")` is a function call, which the analyzer cannot follow, so this dependency is not in the graph. Use a string literal or a top-level const.',
    ]);
    expect(diagnostics[0]!.range.start).toEqual(workspace.at("src/a.ts", 'computed("orders")'));
    expect(diagnostics[3]!.range.start).toEqual(workspace.at("src/a.ts", "MUTABLE, computed", 0, 1));
    // Assets stay, under their names, with the edges their handles make; the spec whose key is unknown is left out.
    expect(
      workspace.analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["byCall", "byTemplate", "down", "up"]);
    expect(workspace.edges()).toEqual(["byCall -order-> down", "up -data-> byTemplate"]);
  });

  it("warns about a selection, a spec or a Definitions entry it cannot follow, instead of dropping it", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${sdk}let SELECTION = "*";
const makeSpec = (key: string) => AssetSpec(key);
export const a = asset(() => 1);
export const byLet = defineAssetJob({ name: "by_let", selection: SELECTION });
export const byCall = defineAssetJob({ name: "by_call", selection: ["*"].join("") });
export const inBuilder = defineAssetJob({ name: "in_builder", selection: AssetSelection.keys(SELECTION) });
export const multi = multiAsset({ specs: [makeSpec("m1"), AssetSpec(SELECTION), AssetSpec("m2")] }, function* () {});
const all = [a];
export default new Definitions({ assets: [...all, multi] });`,
    });
    const lines = workspace.analyzer
      .diagnostics()
      .map((d) => `${d.range.start.line + 1} ${d.code} ${d.severity}: ${d.message}`);
    expect(lines.sort()).toEqual([
      "10 AL1009 warning: Definitions entry `...all` (src/a.ts) is a spread of values, which the analyzer cannot follow, so which assets the Definitions lists is unknown. List each asset by its name.",
      '5 AL1009 warning: Job "by_let" (src/a.ts): its selection `SELECTION` is a `let` variable, which the analyzer cannot follow, so the job\'s selection is unknown. Use a string literal, an AssetSelection chain or a top-level const.',
      '6 AL1009 warning: Job "by_call" (src/a.ts): its selection `["*"].join("")` is a function call, which the analyzer cannot follow, so the job\'s selection is unknown. Use a string literal, an AssetSelection chain or a top-level const.',
      '7 AL1009 warning: Job "in_builder" (src/a.ts): its selection names `SELECTION` is a `let` variable, which the analyzer cannot follow, so the job\'s selection is unknown. Use a string literal, an AssetSelection chain or a top-level const.',
      '8 AL1009 warning: Multi-asset "multi" (src/a.ts): its spec `makeSpec("m1")` is a function call, which the analyzer cannot follow, so that asset is left out of the graph. Write AssetSpec("key") there, or name a top-level AssetSpec.',
      '8 AL1009 warning: Multi-asset "multi" (src/a.ts): the key of its spec, `SELECTION`, is a `let` variable, which the analyzer cannot follow, so that asset is left out of the graph. Use a string literal or a top-level const.',
    ]);
    expect(
      workspace.analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["a", "m2"]);
  });

  it("checks a selection a const holds where its text is written, once however many jobs share it", () => {
    const workspace = analyzeFiles({
      "src/selections.ts": `export const BROKEN = "key:a and (";\nexport const NOTHING = "group:none";`,
      "src/jobs.ts": `${sdk}import { BROKEN, NOTHING } from "./selections";
export const a = asset(() => 1);
export const j1 = defineAssetJob({ name: "j1", selection: BROKEN });
export const j2 = defineAssetJob({ name: "j2", selection: BROKEN });
export const j3 = defineAssetJob({ name: "j3", selection: NOTHING });`,
    });
    expect(workspace.codes()).toEqual(["src/jobs.ts:6 AL1006", "src/selections.ts:1 AL1005"]);
    expect(workspace.analyzer.diagnostics("src/selections.ts")[0]!.message).toMatch(/^Job "j1": /);
    const inBroken = workspace.analyzer.completionsAt(
      "src/selections.ts",
      workspace.at("src/selections.ts", "key:a", 4),
    );
    expect(inBroken).toMatchObject({ context: "selection", keys: ["a"] });
  });

  it("still reports a key a const holds that no asset has, with a did-you-mean but no quick-fix suggestion over the const's name", () => {
    const workspace = analyzeFiles({
      "src/keys.ts": `export const ORDERS = "warehouse/ordres";`,
      "src/a.ts": `${sdk}import { ORDERS } from "./keys";\nexport const orders = asset({ key: "warehouse/orders" }, () => 1);\nexport const audit = asset({ deps: [ORDERS] }, () => 2);`,
    });
    const [diagnostic, ...rest] = workspace.analyzer.diagnostics();
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: DiagnosticCodes.missingUpstream,
      severity: "error",
      data: { missingKey: "warehouse/ordres" },
    });
    expect(diagnostic!.data).not.toHaveProperty("suggestion");
    expect(diagnostic!.message).toBe(
      'audit: upstream asset "warehouse/ordres" (the value of `ORDERS`) is not defined in the workspace. Did you mean "warehouse/orders"?',
    );
  });

  it("reports a handle that is a plain value as before, and a loop of imports or aliases instead of overflowing the stack", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `import { x } from "./b";\nexport { x };`,
      "src/b.ts": `import { x } from "./a";\nexport { x };`,
      "src/c.ts": `${sdk}import { x } from "./a";\nconst p = q;\nconst q = p;\nconst n = 5;\nexport const c = asset({ deps: [x, p, n] }, () => 1);`,
    });
    expect(workspace.analyzer.diagnostics().map((d) => d.message)).toEqual([
      'c: upstream asset `x` is defined through a loop of imports or aliases. Did you mean "c"?',
      'c: upstream asset `p` is defined through a loop of imports or aliases. Did you mean "c"?',
      'c: upstream asset `n` is a plain value, not an asset. Did you mean "c"?',
    ]);
  });

  describe("editor queries", () => {
    const files = {
      "src/keys.ts": keys,
      "src/a.ts": `${sdk}import { ORDERS, RAW } from "./keys";\nexport const orders = asset({ key: ORDERS }, () => 1);\nexport const raw = asset({ key: RAW }, () => 0);`,
      "src/b.ts": `${sdk}import { ORDERS } from "./keys";\nexport const audit = asset({ deps: [ORDERS, "warehouse/orders"] }, () => 2);\nexport const job = defineAssetJob({ name: "j", selection: AssetSelection.keys(ORDERS) });`,
    };
    const workspace = analyzeFiles(files);
    const { analyzer } = workspace;
    const where = (edits: { file: string; range: { start: { line: number; character: number } } }[]) =>
      edits
        .map((e) => `${e.file.slice(workspace.root.length + 1)}:${e.range.start.line + 1}:${e.range.start.character}`)
        .sort();

    it("finds the asset at the const in the key option, at a use, and at the const's literal", () => {
      expect(analyzer.assetAt("src/a.ts", workspace.at("src/a.ts", "ORDERS }", 1))).toMatchObject({
        key: "warehouse/orders",
        role: "definition",
      });
      expect(analyzer.assetAt("src/b.ts", workspace.at("src/b.ts", "ORDERS, ", 1))).toMatchObject({
        key: "warehouse/orders",
        role: "reference",
      });
      expect(analyzer.assetAt("src/keys.ts", workspace.at("src/keys.ts", "warehouse/orders"))).toMatchObject({
        key: "warehouse/orders",
        role: "definition",
      });
    });

    it("goes to the key option and lists each use once", () => {
      expect(analyzer.definitionOf("warehouse/orders")).toEqual({
        file: workspace.path("src/a.ts"),
        range: { start: workspace.at("src/a.ts", "ORDERS }"), end: workspace.at("src/a.ts", "ORDERS }", 6) },
      });
      expect(
        where(analyzer.references("warehouse/orders").map((file) => ({ file: file.file, range: file.range }))),
      ).toEqual([
        `src/b.ts:3:${workspace.at("src/b.ts", "ORDERS, ").character}`,
        `src/b.ts:3:${workspace.at("src/b.ts", '"warehouse/orders"', 1).character}`,
        `src/b.ts:4:${workspace.at("src/b.ts", "ORDERS)").character}`,
      ]);
    });

    it("renames a key held in a const by editing the const's string literal, once, and never the const's name", () => {
      const edits = analyzer.renameKey("warehouse/orders", "warehouse/purchases");
      expect(where(edits)).toEqual([
        `src/b.ts:3:${workspace.at("src/b.ts", '"warehouse/orders"', 1).character}`,
        `src/keys.ts:1:${workspace.at("src/keys.ts", "warehouse/orders").character}`,
      ]);
      expect(edits.every((e) => e.newText === "warehouse/purchases")).toBe(true);
    });

    it("completes keys inside a const's literal that names an upstream", () => {
      const withUpstreamConst = analyzeFiles({
        ...files,
        "src/c.ts": `${sdk}const UP = "warehouse/";\nexport const c = asset({ deps: [UP] }, () => 1);`,
      });
      expect(
        withUpstreamConst.analyzer.completionsAt("src/c.ts", withUpstreamConst.at("src/c.ts", "warehouse/", 10)),
      ).toMatchObject({ context: "key" });
    });
  });

  describe("incremental analysis", () => {
    it("follows an edit of the const's value into the files that use it", () => {
      const workspace = analyzeFiles({
        "src/keys.ts": keys,
        "src/a.ts": `${sdk}import { ORDERS } from "./keys";\nexport const orders = asset({ key: ORDERS }, () => 1);`,
        "src/b.ts": `${sdk}export const audit = asset({ deps: ["warehouse/orders"] }, () => 2);`,
      });
      expect(workspace.edges()).toEqual(["warehouse/orders -order-> audit"]);
      const changed = workspace.analyzer.update(
        "src/keys.ts",
        keys.replace('"warehouse/orders"', '"warehouse/purchases"'),
      );
      expect(changed.sort()).toEqual([workspace.path("src/b.ts"), workspace.path("src/keys.ts")]);
      expect(
        workspace.analyzer
          .graph()
          .nodes.map((n) => n.key)
          .sort(),
      ).toEqual(["audit", "warehouse/purchases"]);
      expect(workspace.codes()).toEqual(["src/b.ts:2 AL1001"]);
    });

    it("keeps rename edits on the const's literal when lines above it move", () => {
      const workspace = analyzeFiles({
        "src/keys.ts": keys,
        "src/a.ts": `${sdk}import { ORDERS } from "./keys";\nexport const orders = asset({ key: ORDERS }, () => 1);`,
      });
      workspace.analyzer.update("src/keys.ts", `// Keys of the warehouse tables.\n\n${keys}`);
      expect(
        workspace.analyzer
          .renameKey("warehouse/orders", "w/o")
          .map((e) => `${e.file.slice(workspace.root.length + 1)}:${e.range.start.line}`),
      ).toEqual(["src/keys.ts:2"]);
    });
  });
});
