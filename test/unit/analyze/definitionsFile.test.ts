/** With a definitions file, the graph is what the runner loads: the assets of the files that file reaches. */
import { describe, expect, it } from "vitest";
import { DiagnosticCodes } from "../../../sdk/src/analyze";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, AssetSpec, defineAssetJob, Definitions, multiAsset } from "assetline";\n`;

const files = {
  "src/main.ts": `export * from "./pipeline";\nexport { audit } from "./audit";`,
  "src/pipeline.ts": `${sdk}import { raw } from "./raw";\nexport const cleaned = asset({ ins: { raw } }, ({ raw }) => raw);\nexport const nightly = defineAssetJob({ name: "nightly", selection: "*" });`,
  "src/raw.ts": `${sdk}export const raw = asset(() => [1]);`,
  "src/audit.ts": `${sdk}export const audit = asset({ deps: ["cleaned"] }, () => 1);`,
  "src/scratch.ts": `${sdk}export const scratch = asset({ deps: ["raw", "nowhere"] }, () => 1);
export const experiment = multiAsset({ specs: [AssetSpec("e1"), AssetSpec("e2")] }, function* () {});
export const cleaned = asset(() => 2);
export const tryout = defineAssetJob({ name: "tryout", selection: "key:scratch" });`,
};

const notLoaded = (name: string) =>
  `${name} is not loaded: src/main.ts does not import src/scratch.ts, directly or through the files it imports. Import it there, or clear the definitions-file setting (assetline.definitionsFile, --definitions).`;

describe("analyzer: a definitions file restricts the graph", () => {
  it("keeps only the assets and jobs of the files it reaches, through imports and re-exports", () => {
    const workspace = analyzeFiles(files, { definitionsFile: "src/main.ts" });
    const graph = workspace.analyzer.graph();
    expect(graph.nodes.map((n) => n.key).sort()).toEqual(["audit", "cleaned", "raw"]);
    expect(workspace.edges()).toEqual(["cleaned -order-> audit", "raw -data-> cleaned"]);
    expect(graph.jobs.map((j) => j.name)).toEqual(["nightly"]);
    expect(workspace.analyzer.entryFiles()).toEqual(
      ["src/audit.ts", "src/pipeline.ts", "src/raw.ts"].map(workspace.path),
    );
    expect(workspace.analyzer.assetsIn("src/scratch.ts")).toEqual([]);
    expect(workspace.analyzer.asset("scratch")).toBeNull();
  });

  it("warns once per definition of a file it does not reach, and checks nothing else there (no duplicate, no missing upstream)", () => {
    const workspace = analyzeFiles(files, { definitionsFile: "src/main.ts" });
    const diagnostics = workspace.analyzer.diagnostics();
    expect(workspace.codes()).toEqual([
      "src/scratch.ts:2 AL1010",
      "src/scratch.ts:3 AL1010",
      "src/scratch.ts:4 AL1010",
    ]);
    expect(diagnostics.every((d) => d.severity === "warning" && d.code === DiagnosticCodes.notLoaded)).toBe(true);
    expect(diagnostics.map((d) => d.message)).toEqual([
      notLoaded('Asset "scratch"'),
      notLoaded('Multi-asset "experiment"'),
      notLoaded('Asset "cleaned"'),
    ]);
    expect(diagnostics[0]!.range.start).toEqual(workspace.at("src/scratch.ts", "scratch ="));
    expect(diagnostics[1]!.range.start).toEqual(workspace.at("src/scratch.ts", "experiment ="));
  });

  it("makes a reference from a loaded asset to a key only an unloaded file defines the missing upstream it is at run time", () => {
    const workspace = analyzeFiles(
      { ...files, "src/audit.ts": `${sdk}export const audit = asset({ deps: ["cleaned", "scratch"] }, () => 1);` },
      { definitionsFile: "src/main.ts" },
    );
    const [error] = workspace.analyzer.diagnostics("src/audit.ts");
    expect(error).toMatchObject({
      code: DiagnosticCodes.missingUpstream,
      severity: "error",
      range: { start: workspace.at("src/audit.ts", "scratch") },
    });
    expect(error!.message).toBe(
      'audit: upstream asset "scratch" is defined in src/scratch.ts, which src/main.ts does not import. Import it there, or clear the definitions-file setting (assetline.definitionsFile, --definitions).',
    );
    // No "create the asset" quick fix: it exists, only elsewhere.
    expect(error!.data).toBeUndefined();
    expect(workspace.edges()).toEqual(["cleaned -order-> audit", "raw -data-> cleaned"]);
  });

  it("changes nothing without a definitions file, or when the file is not in the workspace", () => {
    for (const options of [{}, { definitionsFile: "src/missing.ts" }]) {
      const workspace = analyzeFiles(files, options);
      expect(
        workspace.analyzer
          .graph()
          .nodes.map((n) => n.key)
          .sort(),
      ).toEqual(["audit", "cleaned", "e1", "e2", "raw", "scratch"]);
      expect(workspace.codes()).toEqual([
        "src/pipeline.ts:3 AL1002",
        "src/scratch.ts:2 AL1001",
        "src/scratch.ts:4 AL1002",
      ]);
    }
  });

  it("follows edits: importing the file loads its assets, an edit there moves the error's message, and removing the import unloads them", () => {
    const workspace = analyzeFiles(
      {
        ...files,
        "src/scratch.ts": `${sdk}export const scratch = asset(() => 1);`,
        "src/audit.ts": `${sdk}export const audit = asset({ deps: ["scratch"] }, () => 1);`,
      },
      { definitionsFile: "src/main.ts" },
    );
    const { analyzer } = workspace;
    expect(workspace.codes()).toEqual(["src/audit.ts:2 AL1001", "src/scratch.ts:2 AL1010"]);

    const withScratch = `${files["src/main.ts"]}\nexport * from "./scratch";`;
    expect(analyzer.update("src/main.ts", withScratch).sort()).toEqual(
      ["src/audit.ts", "src/main.ts", "src/scratch.ts"].map(workspace.path),
    );
    expect(workspace.codes()).toEqual([]);
    expect(workspace.edges()).toContain("scratch -order-> audit");
    expect(analyzer.entryFiles()).toContain(workspace.path("src/scratch.ts"));

    expect(analyzer.update("src/main.ts", files["src/main.ts"]).sort()).toEqual(
      ["src/audit.ts", "src/main.ts", "src/scratch.ts"].map(workspace.path),
    );
    expect(workspace.codes()).toEqual(["src/audit.ts:2 AL1001", "src/scratch.ts:2 AL1010"]);

    // A key renamed where it is not loaded: the reference to the old key is now a plain missing upstream (and no unloaded key is suggested).
    analyzer.update("src/scratch.ts", `${sdk}export const scratch2 = asset(() => 1);`);
    expect(analyzer.diagnostics("src/audit.ts")[0]!.message).toBe(
      'audit: upstream asset "scratch" is not defined in the workspace. Define it, or declare it with AssetSpec if it is produced elsewhere.',
    );
    analyzer.update("src/scratch.ts", `${sdk}export const scratch = asset(() => 1);`);
    expect(analyzer.diagnostics("src/audit.ts")[0]!.message).toMatch(
      /^audit: upstream asset "scratch" is defined in src\/scratch\.ts, which src\/main\.ts does not import\./,
    );

    // An edit that keeps the imports keeps the loaded files.
    expect(analyzer.update("src/raw.ts", `${sdk}export const raw = asset(() => [2]);`)).toEqual([
      workspace.path("src/raw.ts"),
    ]);
    expect(
      analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["audit", "cleaned", "raw"]);
  });

  it("reaches files imported for their side effects; warns about a second Definitions only among the loaded files", () => {
    const workspace = analyzeFiles(
      {
        ...files,
        "src/main.ts": `${sdk}import { cleaned } from "./pipeline";\nimport { raw } from "./raw";\nexport default new Definitions({ assets: [cleaned, raw] });\nimport "./audit";`,
        "src/raw.ts": `${sdk}export const raw = asset(() => [1]);\nexport const spare = new Definitions({});`,
        "src/scratch.ts": `${sdk}export const unused = new Definitions({});`,
      },
      { definitionsFile: "src/main.ts" },
    );
    // audit.ts is loaded by `import "./audit"`, and so is its asset, which the Definitions does not list.
    expect(workspace.codes()).toEqual(["src/audit.ts:2 AL1007", "src/raw.ts:3 AL1008"]);
    expect(
      workspace.analyzer
        .graph()
        .nodes.map((n) => n.key)
        .sort(),
    ).toEqual(["audit", "cleaned", "raw"]);
  });
});
