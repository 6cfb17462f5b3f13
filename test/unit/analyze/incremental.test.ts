/** `update` re-analyzes one file and reports every file whose diagnostics changed, across files. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const a = (key: string) =>
  `import { asset } from "assetline";\nexport const source = asset({ key: "${key}" }, () => 1);`;
const b = `import { asset } from "assetline";\nexport const report = asset({ ins: { s: "orders" } }, () => 2);`;

describe("incremental analysis", () => {
  it("renaming an asset in a.ts makes b.ts's reference an error without touching b.ts, and back", () => {
    const workspace = analyzeFiles({ "src/a.ts": a("orders"), "src/b.ts": b });
    expect(workspace.codes()).toEqual([]);

    const changed = workspace.analyzer.update(workspace.path("src/a.ts"), a("orders_v2"));
    expect(changed.sort()).toEqual([workspace.path("src/a.ts"), workspace.path("src/b.ts")]);
    expect(workspace.analyzer.diagnostics(workspace.path("src/b.ts")).map((d) => d.data)).toEqual([
      { missingKey: "orders", suggestion: "orders_v2" },
    ]);
    expect(workspace.analyzer.graph().edges).toEqual([]);

    expect(workspace.analyzer.update("src/a.ts", a("orders")).sort()).toEqual([
      workspace.path("src/a.ts"),
      workspace.path("src/b.ts"),
    ]);
    expect(workspace.codes()).toEqual([]);
    expect(workspace.edges()).toEqual(["orders -data-> report"]);
  });

  it("re-resolves handles through re-exports when the defining file changes, and reuses nothing stale", () => {
    const source = (name: string, key = name) =>
      `import { asset } from "assetline";\nexport const ${name} = asset({ key: "${key}" }, () => 1);`;
    const workspace = analyzeFiles({
      "src/a.ts": source("orders"),
      "src/index.ts": `export * from "./a";`,
      "src/b.ts": `import { asset } from "assetline";\nimport { orders } from "./index";\nexport const report = asset({ ins: { orders } }, () => 2);`,
    });
    expect(workspace.edges()).toEqual(["orders -data-> report"]);
    workspace.analyzer.update("src/a.ts", source("orders", "orders_v2"));
    expect(workspace.edges()).toEqual(["orders_v2 -data-> report"]);
    expect(workspace.analyzer.update("src/a.ts", source("purchases")).sort()).toEqual([
      workspace.path("src/a.ts"),
      workspace.path("src/b.ts"),
    ]);
    expect(workspace.analyzer.diagnostics("src/b.ts").map((d) => d.message)).toEqual([
      "report: upstream asset `orders` is not exported by index.ts. Import the asset, or name it by its key string.",
    ]);
  });

  it("moves diagnostics with their lines when an edit keeps every key (duplicates, missing upstreams, cycles)", () => {
    const a = `import { asset } from "assetline";\nexport const dup = asset(() => 1);\nexport const x = asset({ deps: ["y", "nowhere"] }, () => 1);\nexport const y = asset({ deps: ["x"] }, () => 1);`;
    const b = `import { asset } from "assetline";\nexport const other = asset({ key: "dup" }, () => 2);`;
    const workspace = analyzeFiles({ "src/a.ts": a, "src/b.ts": b });
    const expected = [
      "src/a.ts:2 AL1002",
      "src/a.ts:3 AL1001",
      "src/a.ts:3 AL1003",
      "src/a.ts:4 AL1003",
      "src/b.ts:2 AL1002",
    ];
    expect(workspace.codes()).toEqual(expected);
    workspace.analyzer.update("src/a.ts", `// moved down\n${a}`);
    expect(workspace.codes()).toEqual([
      "src/a.ts:3 AL1002",
      "src/a.ts:4 AL1001",
      "src/a.ts:4 AL1003",
      "src/a.ts:5 AL1003",
      "src/b.ts:2 AL1002",
    ]);
    const duplicateInB = workspace.analyzer.diagnostics("src/b.ts")[0]!;
    expect(duplicateInB.related?.[0]?.location.range.start.line).toBe(2);
    workspace.analyzer.update("src/a.ts", a);
    expect(workspace.codes()).toEqual(expected);
  });

  it("reports a duplicate an edit introduces and forgets it when the edit is undone", () => {
    const workspace = analyzeFiles({ "src/a.ts": a("orders"), "src/b.ts": b });
    workspace.analyzer.update("src/b.ts", `${b}\nexport const again = asset({ key: "orders" }, () => 3);`);
    expect(workspace.codes()).toEqual(["src/a.ts:2 AL1002", "src/b.ts:3 AL1002"]);
    workspace.analyzer.update("src/b.ts", b);
    expect(workspace.codes()).toEqual([]);
    expect(
      workspace.analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["orders", "report"]);
  });

  it("follows a multi-asset's spec, written in another file, when that file moves it", () => {
    const spec = `import { AssetSpec } from "assetline";\nexport const usersSpec = AssetSpec("users");`;
    const workspace = analyzeFiles({
      "src/specs.ts": spec,
      "src/api.ts": `import { multiAsset } from "assetline";\nimport { usersSpec } from "./specs";\nexport const extract = multiAsset({ specs: [usersSpec] }, function* () {});`,
    });
    const line = () => workspace.analyzer.graph().nodes.find((n) => n.key === "users")!.nameLocation!.range.start.line;
    expect(line()).toBe(1);
    workspace.analyzer.update("src/specs.ts", `// moved\n\n${spec}`);
    expect(line()).toBe(3);
  });

  it("reports nothing changed when the text is the same, and only the edited file when no diagnostics move", () => {
    const workspace = analyzeFiles({ "src/a.ts": a("orders"), "src/b.ts": b });
    expect(workspace.analyzer.update("src/a.ts", a("orders"))).toEqual([]);
    expect(workspace.analyzer.update("src/a.ts", `${a("orders")}\n// a comment`)).toEqual([workspace.path("src/a.ts")]);
  });

  it("adds and removes files", () => {
    const workspace = analyzeFiles({ "src/b.ts": b });
    expect(workspace.codes()).toEqual(["src/b.ts:2 AL1001"]);
    expect(workspace.analyzer.update("src/a.ts", a("orders")).sort()).toEqual([
      workspace.path("src/a.ts"),
      workspace.path("src/b.ts"),
    ]);
    expect(workspace.analyzer.files()).toEqual([workspace.path("src/a.ts"), workspace.path("src/b.ts")]);
    expect(workspace.codes()).toEqual([]);
    expect(workspace.analyzer.remove("src/a.ts").sort()).toEqual([
      workspace.path("src/a.ts"),
      workspace.path("src/b.ts"),
    ]);
    expect(workspace.codes()).toEqual(["src/b.ts:2 AL1001"]);
  });

  it("keeps the code version when only formatting and comments change, and changes it when code does", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `import { asset } from "assetline";\nexport const x = asset(() => 1 + 2);`,
    });
    const version = () => workspace.analyzer.graph().nodes[0]!.codeVersion;
    const before = version();
    workspace.analyzer.update(
      "src/a.ts",
      `import { asset } from "assetline";\nexport const x = asset(() =>\n  // sum\n  1   +   2,\n);`,
    );
    expect(version()).not.toBe(before); // the trailing comma is a token
    workspace.analyzer.update(
      "src/a.ts",
      `import { asset } from "assetline";\nexport const x = asset(() => /* sum */ 1 +\n 2);`,
    );
    expect(version()).toBe(before);
    workspace.analyzer.update("src/a.ts", `import { asset } from "assetline";\nexport const x = asset(() => 1 + 3);`);
    expect(version()).not.toBe(before);
  });

  it("updates checks with their file, and reports a check whose asset an edit elsewhere renamed, and back", () => {
    const checksFile = (name: string) =>
      `import { assetCheck } from "assetline";\nexport const c = assetCheck({ asset: "orders", name: "${name}" }, () => true);`;
    const workspace = analyzeFiles({ "src/a.ts": a("orders"), "src/checks.ts": checksFile("positive") });
    const keys = () => (workspace.analyzer.graph().checks ?? []).map((check) => check.key);
    expect(keys()).toEqual(["orders:positive"]);

    workspace.analyzer.update("src/checks.ts", checksFile("non_negative"));
    expect(keys()).toEqual(["orders:non_negative"]);

    expect(workspace.analyzer.update("src/a.ts", a("orders_v2")).sort()).toEqual([
      workspace.path("src/a.ts"),
      workspace.path("src/checks.ts"),
    ]);
    expect(workspace.codes()).toEqual(["src/checks.ts:2 AL1021"]);
    expect(keys()).toEqual([]);

    workspace.analyzer.update("src/a.ts", a("orders"));
    expect(workspace.codes()).toEqual([]);
    expect(keys()).toEqual(["orders:non_negative"]);
  });

  it("follows a check an asset lists from another file when that file moves or renames it", () => {
    const shared = (name: string) =>
      `import { checks } from "assetline";\nexport const hasRows = checks.rowCount({ min: 1, name: "${name}" });`;
    const workspace = analyzeFiles({
      "src/shared.ts": shared("has_rows"),
      "src/a.ts": `import { asset } from "assetline";\nimport { hasRows } from "./shared";\nexport const orders = asset({ checks: [hasRows] }, () => []);`,
    });
    const check = () => workspace.analyzer.graph().checks?.[0];
    expect(check()?.key).toBe("orders:has_rows");
    expect(workspace.codes()).toEqual([]);
    workspace.analyzer.update("src/shared.ts", `// moved\n\n${shared("enough_rows")}`);
    expect(check()?.key).toBe("orders:enough_rows");
    expect(check()?.location?.range.start.line).toBe(3);
  });
});
