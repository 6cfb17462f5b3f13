/** Editor questions: what is at a position, go to definition, references, key completion, rename. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const files = {
  "src/a.ts": `import { asset } from "assetline";\nexport const orders = asset({ key: "raw/orders" }, () => 1);`,
  "src/b.ts": `import { asset, defineAssetJob } from "assetline";
import { orders } from "./a";
export const totals = asset({ ins: { orders }, deps: ["raw/orders", ""] }, () => 2);
export const job = defineAssetJob({ name: "j", selection: "+key:totals or raw/orders" });`,
};

describe("analyzer queries", () => {
  const workspace = analyzeFiles(files);
  const { analyzer } = workspace;
  const b = workspace.path("src/b.ts");

  it("finds the asset at a definition, a handle, a key string and a selection key", () => {
    expect(analyzer.assetAt("src/a.ts", workspace.at("src/a.ts", "raw/orders", 2))).toMatchObject({
      key: "raw/orders",
      role: "definition",
    });
    expect(analyzer.assetAt(b, workspace.at("src/b.ts", "orders },", 1))).toMatchObject({
      key: "raw/orders",
      role: "reference",
    });
    expect(analyzer.assetAt(b, workspace.at("src/b.ts", '"raw/orders"', 3))).toMatchObject({
      key: "raw/orders",
      role: "reference",
    });
    expect(analyzer.assetAt(b, workspace.at("src/b.ts", "totals or", 1))).toMatchObject({
      key: "totals",
      role: "selection",
    });
    expect(analyzer.assetAt(b, workspace.at("src/b.ts", "asset({ ins"))).toBeNull();
  });

  it("goes to the definition's name and lists every reference", () => {
    expect(analyzer.definitionOf("raw/orders")?.range.start).toEqual(workspace.at("src/a.ts", "raw/orders"));
    expect(analyzer.definitionOf("nope")).toBeNull();
    const references = analyzer.references("raw/orders").map((r) => r.range.start);
    expect(references).toEqual([
      workspace.at("src/b.ts", "orders },"),
      workspace.at("src/b.ts", "raw/orders"),
      workspace.at("src/b.ts", "raw/orders", 0, 1),
    ]);
  });

  it("completes keys inside a key string and inside a selection", () => {
    const inString = analyzer.completionsAt(b, workspace.at("src/b.ts", '""', 1));
    expect(inString).toMatchObject({ context: "key", keys: ["raw/orders", "totals"] });
    const inSelection = analyzer.completionsAt(b, workspace.at("src/b.ts", "totals or", 3));
    expect(inSelection?.context).toBe("selection");
    expect(inSelection?.range.start).toEqual(workspace.at("src/b.ts", "totals or"));
    expect(analyzer.completionsAt(b, workspace.at("src/b.ts", "export const totals"))).toBeNull();
  });

  it("treats keys named in AssetSelection.keys(...), nested builders too, as references: completion, hover, rename", () => {
    const jobs = `import { AssetSelection, defineAssetJob } from "assetline";
import { orders } from "./a";
export const j1 = defineAssetJob({ name: "j1", selection: AssetSelection.keys("raw/orders", "") });
export const j2 = defineAssetJob({ name: "j2", selection: AssetSelection.groups("g").or(AssetSelection.keys(orders, "tot")) });`;
    const withJobs = analyzeFiles({ ...files, "src/jobs.ts": jobs });
    const path = withJobs.path("src/jobs.ts");
    const empty = withJobs.analyzer.completionsAt(path, withJobs.at("src/jobs.ts", '"")', 1));
    expect(empty).toMatchObject({ context: "key", keys: ["raw/orders", "totals"] });
    expect(empty?.range.start).toEqual(withJobs.at("src/jobs.ts", '"")', 1));
    const nested = withJobs.analyzer.completionsAt(path, withJobs.at("src/jobs.ts", '"tot"', 4));
    expect(nested).toMatchObject({
      context: "key",
      range: { start: withJobs.at("src/jobs.ts", '"tot"', 1), end: withJobs.at("src/jobs.ts", '"tot"', 4) },
    });
    expect(withJobs.analyzer.completionsAt(path, withJobs.at("src/jobs.ts", '"g"', 1))).toBeNull();
    expect(withJobs.analyzer.assetAt(path, withJobs.at("src/jobs.ts", "orders, ", 1))).toMatchObject({
      key: "raw/orders",
      role: "reference",
    });
    const renamed = withJobs.analyzer.renameKey("raw/orders", "bronze/orders").filter((e) => e.file === path);
    expect(renamed.map((e) => e.range.start)).toEqual([withJobs.at("src/jobs.ts", "raw/orders")]);
  });

  it("renames a key wherever it is written as a string: its key option, key strings, selections", () => {
    const edits = analyzer.renameKey("raw/orders", "bronze/orders");
    expect(
      edits
        .map((e) => `${e.file.slice(workspace.root.length + 1)}:${e.range.start.line + 1}:${e.range.start.character}`)
        .sort(),
    ).toEqual([
      `src/a.ts:2:${workspace.at("src/a.ts", "raw/orders").character}`,
      `src/b.ts:3:${workspace.at("src/b.ts", "raw/orders").character}`,
      `src/b.ts:4:${workspace.at("src/b.ts", "raw/orders", 0, 1).character}`,
    ]);
    expect(edits.every((e) => e.newText === "bronze/orders")).toBe(true);
  });

  it("treats a check's asset as a reference: at, definition, references, rename and completion", () => {
    const checks = `import { assetCheck, multiAssetCheck, checks } from "assetline";
import { orders } from "./a";
export const byHandle = assetCheck({ asset: orders, name: "by_handle" }, () => true);
export const byKey = checks.unique("id", { asset: "raw/orders" });
export const both = multiAssetCheck({ specs: [{ asset: "raw/orders", name: "m" }, { asset: "", name: "n" }] }, function* () {});`;
    const withChecks = analyzeFiles({
      ...files,
      "src/a.ts": `import { asset, checks } from "assetline";\nexport const orders = asset({ key: "raw/orders", checks: [checks.unique("id")] }, () => 1);`,
      "src/checks.ts": checks,
    });
    const { analyzer: checked } = withChecks;
    const path = withChecks.path("src/checks.ts");
    const handle = withChecks.at("src/checks.ts", "orders, name", 1);
    expect(checked.assetAt(path, handle)).toMatchObject({ key: "raw/orders", role: "reference" });
    expect(checked.definitionOf("raw/orders")?.file).toBe(withChecks.path("src/a.ts"));
    const inChecks = checked
      .references("raw/orders")
      .filter((r) => r.file === path)
      .map((r) => r.range.start);
    expect(inChecks).toEqual([
      withChecks.at("src/checks.ts", "orders, name"),
      withChecks.at("src/checks.ts", "raw/orders"),
      withChecks.at("src/checks.ts", "raw/orders", 0, 1),
    ]);
    const inline = checked.references("raw/orders").filter((r) => r.file === withChecks.path("src/a.ts"));
    expect(inline.map((r) => r.range.start)).toEqual([withChecks.at("src/a.ts", 'checks.unique("id")')]);
    const renamed = checked.renameKey("raw/orders", "bronze/orders").filter((e) => e.file === path);
    expect(renamed.map((e) => e.range.start)).toEqual([
      withChecks.at("src/checks.ts", "raw/orders"),
      withChecks.at("src/checks.ts", "raw/orders", 0, 1),
    ]);
    expect(checked.completionsAt(path, withChecks.at("src/checks.ts", '""', 1))).toMatchObject({
      context: "key",
      keys: ["raw/orders", "totals"],
    });
  });
});
