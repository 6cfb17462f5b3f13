/** Every diagnostic the analyzer reports: code, severity, where, and a message that names the fix. */
import { describe, expect, it } from "vitest";
import { DiagnosticCodes } from "../../../sdk/src/analyze";
import { analyzeFiles } from "./workspace";

const header = `import { asset, AssetSpec, defineAssetJob, AssetSelection, Definitions, multiAsset } from "assetline";\n`;

describe("analyzer diagnostics", () => {
  it("reports a missing upstream key on the key string, with a did-you-mean", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const orders = asset(() => 1);\nexport const report = asset({ ins: { o: "ordesr" } }, () => 2);`,
    });
    const [diagnostic, ...rest] = workspace.analyzer.diagnostics();
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      code: DiagnosticCodes.missingUpstream,
      severity: "error",
      file: workspace.path("src/a.ts"),
      range: { start: workspace.at("src/a.ts", "ordesr"), end: workspace.at("src/a.ts", "ordesr", 6) },
      data: { missingKey: "ordesr", suggestion: "orders" },
    });
    expect(diagnostic!.message).toBe(
      'report: upstream asset "ordesr" is not defined in the workspace. Did you mean "orders"?',
    );
  });

  it("reports a missing upstream without a suggestion when nothing is close, and a handle that is not an asset", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}import { helper } from "./helper";\nexport const x = asset({ deps: ["completely_else", helper] }, () => 1);`,
      "src/helper.ts": `export function helper() {}`,
    });
    const messages = workspace.analyzer.diagnostics().map((d) => d.message);
    expect(messages).toEqual([
      'x: upstream asset "completely_else" is not defined in the workspace. Define it, or declare it with AssetSpec if it is produced elsewhere.',
      "x: upstream asset `helper` is a plain value, not an asset. Import the asset, or name it by its key string.",
    ]);
  });

  it("reports a handle re-exported from a relative file the workspace does not have", () => {
    const workspace = analyzeFiles({
      "src/index.ts": `export { orders } from "./missing";\nexport { users } from "some-package";`,
      "src/b.ts": `${header}import { orders, users } from "./index";\nexport const b = asset({ ins: { orders, users } }, () => 2);`,
    });
    // The package that is not installed is outside the workspace, not an error; the missing file is (AL1014).
    expect(workspace.codes()).toEqual(["src/b.ts:3 AL1014"]);
    expect(workspace.analyzer.diagnostics()[0]!.message).toBe(
      'b: upstream asset `orders` is imported from "./missing" in src/index.ts, which TypeScript resolves to no file (no tsconfig.json: TypeScript\'s defaults), so this dependency is not in the graph. Point it at an existing file (under "moduleResolution": "node16" or "nodenext", an ES module writes the extension, as "./file.js").',
    );
  });

  it("reports a handle whose import no longer resolves (the export was renamed)", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const orders_v2 = asset(() => 1);`,
      "src/b.ts": `${header}import { orders } from "./a";\nexport const b = asset({ ins: { orders } }, () => 2);`,
    });
    expect(workspace.codes()).toEqual(["src/b.ts:3 AL1001"]);
    expect(workspace.analyzer.diagnostics()[0]!.message).toBe(
      'b: upstream asset `orders` is not exported by a.ts. Did you mean "orders_v2"?',
    );
  });

  it("reports a duplicate key on both definitions, each pointing at the other", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const orders = asset(() => 1);`,
      "src/b.ts": `${header}export const other = asset({ key: "orders" }, () => 2);`,
    });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(workspace.codes()).toEqual(["src/a.ts:2 AL1002", "src/b.ts:2 AL1002"]);
    expect(diagnostics[0]!.message).toBe(
      'Duplicate asset key "orders": it is also defined in b.ts:2. Rename one of them.',
    );
    expect(diagnostics[0]!.related?.[0]?.location.file).toBe(workspace.path("src/b.ts"));
    expect(diagnostics[1]!.related?.[0]?.location.file).toBe(workspace.path("src/a.ts"));
    expect(workspace.analyzer.graph().nodes.filter((n) => n.key === "orders")).toHaveLength(1);
  });

  it("reports a cycle on each reference that closes it, naming the whole cycle", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset({ deps: ["c"] }, () => 1);\nexport const b = asset({ deps: ["a"] }, () => 1);\nexport const c = asset({ deps: ["b"] }, () => 1);\nexport const d = asset({ deps: ["c"] }, () => 1);`,
    });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(diagnostics.map((d) => d.code)).toEqual(["AL1003", "AL1003", "AL1003"]);
    expect(new Set(diagnostics.map((d) => d.message))).toEqual(
      new Set(["Dependency cycle: a -> b -> c -> a. Remove one of these dependencies."]),
    );
    expect(diagnostics.every((d) => d.related?.length === 2)).toBe(true);
  });

  it("reports a self-dependency as a cycle", () => {
    const workspace = analyzeFiles({ "src/a.ts": `${header}export const a = asset({ deps: ["a"] }, () => 1);` });
    expect(workspace.analyzer.diagnostics().map((d) => d.message)).toEqual([
      "Dependency cycle: a -> a. Remove one of these dependencies.",
    ]);
  });

  it.each([
    [
      "an absolute key",
      `asset({ key: "/etc/passwd" }, () => 1)`,
      'Invalid asset key "/etc/passwd" is absolute: remove the leading "/".',
    ],
    [
      "a key that walks out",
      `asset({ key: "a/../b" }, () => 1)`,
      'Invalid asset key "a/../b" contains "..": keys cannot walk out of their folder.',
    ],
    [
      "a key with spaces",
      `AssetSpec("my orders")`,
      'Invalid asset key "my orders" has "my orders": use only letters, digits, "_" and "-" between "/".',
    ],
  ])("reports an invalid key: %s", (_name, definition, message) => {
    const workspace = analyzeFiles({ "src/a.ts": `${header}export const x = ${definition};` });
    expect(workspace.analyzer.diagnostics().map((d) => [d.code, d.message])).toEqual([["AL1004", message]]);
  });

  it("reports an asset that has no key because it is neither exported nor named", () => {
    const workspace = analyzeFiles({ "src/a.ts": `${header}const hidden = asset(() => 1);` });
    expect(workspace.analyzer.diagnostics().map((d) => [d.code, d.message])).toEqual([
      ["AL1004", 'Asset "hidden" has no key: export it, or give it a `key` option.'],
    ]);
  });

  it("warns about assets made inside a function or a loop (factories), however the SDK is imported, on the call", () => {
    const workspace = analyzeFiles({
      "src/a.ts": [
        `import { asset as defineAsset } from "assetline";`,
        `import * as al from "assetline";`,
        `export const top = defineAsset(() => 1);`,
        `export const made = (key: string) => defineAsset({ key }, () => key);`,
        `for (const key of ["x", "y"]) al.multiAsset({ specs: [] }, function* () {});`,
        `// asset( in a comment, "asset(" in a string: no call`,
      ].join("\n"),
    });
    expect(workspace.codes()).toEqual(["src/a.ts:4 AL1011", "src/a.ts:5 AL1011"]);
    const [factory] = workspace.analyzer.diagnostics();
    expect(factory!.message).toBe(
      "defineAsset(...) inside a function or a loop (src/a.ts) makes an asset only running the code reveals, so the graph, the editor and runs leave it out. Define each asset at the top level: `export const name = defineAsset(...)`.",
    );
    expect(workspace.analyzer.graph().nodes.map((node) => node.key)).toEqual(["top"]);
    // Top-level definitions alone, even mentioned again in comments, warn about nothing.
    expect(
      analyzeFiles({ "src/a.ts": `${header}export const a = asset(() => 1);\n// asset(…) above` }).codes(),
    ).toEqual([]);
  });

  it("reports a file that does not parse at the parser's first error, and keeps the assets it could read", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset(() => 1);\nexport const b = asset({ deps: [a] }, () => [1].map((x) => x * 2);\n`,
    });
    expect(workspace.codes()).toEqual(["src/a.ts:3 AL1012"]);
    expect(workspace.analyzer.diagnostics()[0]!.message).toBe(
      "src/a.ts does not parse: ')' expected. Fix the syntax; until then the analyzer may miss its assets and the runner cannot load it.",
    );
    expect(workspace.analyzer.graph().nodes.map((node) => node.key)).toContain("a");
  });

  it("points a selection syntax error at the character", () => {
    const text = `${header}export const a = asset(() => 1);\nexport const job = defineAssetJob({ name: "j", selection: "key:a and (" });`;
    const workspace = analyzeFiles({ "src/a.ts": text });
    const [diagnostic] = workspace.analyzer.diagnostics();
    expect(diagnostic).toMatchObject({ code: DiagnosticCodes.selectionSyntax, severity: "error" });
    expect(diagnostic!.range.start.character).toBeGreaterThanOrEqual(workspace.at("src/a.ts", "key:a and (").character);
    expect(diagnostic!.message).toMatch(/^Job "j": /);
  });

  it("warns when a selection, written or built, matches nothing", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset({ group: "g" }, () => 1);
export const j1 = defineAssetJob({ name: "j1", selection: "group:nothing" });
export const j2 = defineAssetJob({ name: "j2", selection: AssetSelection.groups("none") });
export const j3 = defineAssetJob({ name: "j3", selection: "group:g" });`,
    });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start.line + 1])).toEqual([
      ["AL1006", "warning", 3],
      ["AL1006", "warning", 4],
    ]);
    expect(diagnostics[0]!.message).toBe(
      'Job "j1" selects no asset: "group:nothing" matches nothing. Check the keys, groups and tags it names.',
    );
  });

  it("rejects the `expr` getter as a builder step, naming it", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset(() => 1);\nexport const j = defineAssetJob({ name: "j", selection: AssetSelection.keys("a").expr() });`,
    });
    const [diagnostic] = workspace.analyzer.diagnostics();
    expect(diagnostic).toMatchObject({ code: DiagnosticCodes.selectionSyntax, severity: "error" });
    expect(diagnostic!.message).toMatch(/^Job "j": AssetSelection has no method "expr"\./);
  });

  it("warns about an asset the Definitions leaves out, and only when a Definitions exists", () => {
    const files = {
      "src/a.ts": `${header}export const kept = asset(() => 1);\nexport const forgotten = asset(() => 2);\nexport const multi = multiAsset({ specs: [AssetSpec("m1"), AssetSpec("m2")] }, function* () {});`,
    };
    expect(analyzeFiles(files).codes()).toEqual([]);
    const workspace = analyzeFiles({
      ...files,
      "src/defs.ts": `${header}import { kept } from "./a";\nexport default new Definitions({ assets: [kept] });`,
    });
    expect(workspace.codes()).toEqual(["src/a.ts:3 AL1007", "src/a.ts:4 AL1007"]);
    expect(workspace.analyzer.diagnostics().map((d) => d.message)).toEqual([
      'Asset "forgotten" is not in the Definitions in defs.ts: add it to `assets` there, or runs will not include it.',
      'Multi-asset "multi" is not in the Definitions in defs.ts: add it to `assets` there, or runs will not include it.',
    ]);
    expect(workspace.analyzer.diagnostics()[0]!.severity).toBe("warning");
  });

  it("warns on each Definitions it ignores, naming the one it uses and the setting that chooses", () => {
    const workspace = analyzeFiles({
      "src/a.ts": `${header}export const a = asset(() => 1);`,
      "src/defs.ts": `${header}import { a } from "./a";\nexport default new Definitions({ assets: [a] });`,
      "src/more/defs.ts": `${header}import { a } from "../a";\nexport const again = new Definitions({ assets: [a] });\nexport const thrice = new Definitions({});`,
    });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(workspace.codes()).toEqual(["src/more/defs.ts:3 AL1008", "src/more/defs.ts:4 AL1008"]);
    expect(diagnostics[0]).toMatchObject({
      severity: "warning",
      range: {
        start: workspace.at("src/more/defs.ts", "Definitions({ assets"),
        end: workspace.at("src/more/defs.ts", "Definitions({ assets", 11),
      },
      message:
        "This Definitions is ignored: the workspace uses the one in src/defs.ts:3. Keep one Definitions per workspace, or set assetline.definitionsFile / --definitions FILE to choose.",
      related: [
        {
          location: {
            file: workspace.path("src/defs.ts"),
            range: { start: workspace.at("src/defs.ts", "Definitions({") },
          },
          message: "The Definitions the workspace uses",
        },
      ],
    });
  });

  it("with a definitions file, warns only on a second Definitions in that file, and uses the file's first", () => {
    const files = {
      "src/a.ts": `${header}export const a = asset(() => 1);`,
      "other/defs.ts": `${header}export default new Definitions({ assets: [] });`,
      "src/defs.ts": `${header}import { a } from "./a";\nexport default new Definitions({ assets: [a] });\nexport const spare = new Definitions({ assets: [] });`,
    };
    const workspace = analyzeFiles(files, { definitionsFile: "src/defs.ts" });
    expect(workspace.codes()).toEqual(["src/defs.ts:4 AL1008"]);
    expect(workspace.analyzer.diagnostics()[0]!.message).toBe(
      "This Definitions is ignored: the workspace uses the one in src/defs.ts:3. Keep one Definitions in src/defs.ts and the files it imports.",
    );
  });

  it("uses only the configured definitions file's Definitions and the files it reaches", () => {
    const files = {
      "src/a.ts": `${header}export const a = asset(() => 1);`,
      "src/b.ts": `${header}export const b = asset(() => 1);`,
      "src/defs.ts": `${header}import { a } from "./a";\nexport default new Definitions({ assets: [a] });`,
      "other/defs.ts": `${header}export default new Definitions({ assets: [] });`,
    };
    const workspace = analyzeFiles(files, { definitionsFile: "src/defs.ts" });
    expect(workspace.codes()).toEqual(["src/b.ts:2 AL1010"]);
    expect(workspace.analyzer.entryFiles()).toEqual([workspace.path("src/a.ts"), workspace.path("src/defs.ts")]);
  });
});
