/** The `io` option in the analyzer: the kinds it adds to the graph, and AL1027 for a value that names no IO manager. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, multiAsset, graphAsset, AssetSpec, Definitions } from "assetline";\n`;
const assetsFile = (written: string) =>
  `${sdk}export const IO = "parket";
export const orders = asset({ ${written} }, () => []);
export const exports = multiAsset({ specs: [AssetSpec("customers", { kinds: ["crm"] })], io: "parquet" }, function* () {});
export const report = graphAsset({ io: "json" }, async () => "# Report");
`;
const definitionsFile = (written: string) =>
  `${sdk}import { orders, exports, report } from "./assets";\nexport default new Definitions({ assets: [orders, exports, report]${written} });\n`;

interface IoCase {
  name: string;
  asset: string;
  definitions: string;
  /** The kinds of `orders` in the analyzer's graph. */
  kinds: string[];
  /** Where AL1027 starts: [file, needle, offset]; its message; the quick fix's suggestion. */
  diagnostic?: { at: [file: string, needle: string, offset: number]; message: string; suggestion?: string };
}

/** AL1027's message: `whose` io, in `file`, is `value`, with the did-you-mean when one is close. */
const namesNone = (whose: string, file: string, value: string, suggestion?: string) =>
  `${whose} \`io\` (${file}) is "${value}", which names no IO manager: write one of "json", "duckdb", "parquet"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}. The run would stop on it.`;
const cases: IoCase[] = [
  { name: "no io anywhere: its own kinds only", asset: `kinds: ["sql"]`, definitions: "", kinds: ["sql"] },
  {
    name: "the Definitions' default adds its kinds after the asset's own, without repeating one",
    asset: `kinds: ["table", "sql"]`,
    definitions: `, io: "duckdb"`,
    kinds: ["table", "sql", "duckdb"],
  },
  { name: "the asset's own io wins over the default", asset: `io: "json"`, definitions: `, io: "duckdb"`, kinds: [] },
  {
    name: "a misspelled io: did-you-mean, on the string, with its quick fix",
    asset: `io: "duckbd"`,
    definitions: "",
    kinds: [],
    diagnostic: {
      at: ["src/assets.ts", '"duckbd"', 1],
      message: namesNone("Its", "src/assets.ts", "duckbd", "duckdb"),
      suggestion: "duckdb",
    },
  },
  {
    name: "a const holding a misspelling: on its use, no quick fix (it would rename the const)",
    asset: "io: IO",
    definitions: "",
    kinds: [],
    diagnostic: { at: ["src/assets.ts", "io: IO", 4], message: namesNone("Its", "src/assets.ts", "parket", "parquet") },
  },
  {
    name: "the Definitions' io, misspelled: on it; the default then adds nothing",
    asset: "",
    definitions: `, io: "excel"`,
    kinds: [],
    diagnostic: {
      at: ["src/definitions.ts", '"excel"', 1],
      message: namesNone("The Definitions'", "src/definitions.ts", "excel"),
    },
  },
  {
    name: "an io only running the code tells: nothing said, no kinds",
    asset: "io: pick()",
    definitions: `, io: "duckdb"`,
    kinds: [],
  },
];

describe("the io option in the analyzer", () => {
  it.each(cases)("$name", (testCase) => {
    const workspace = analyzeFiles({
      "src/assets.ts": assetsFile(testCase.asset).replace(
        "export const IO",
        "const pick = () => 'json';\nexport const IO",
      ),
      "src/definitions.ts": definitionsFile(testCase.definitions),
    });
    const graph = workspace.analyzer.graph();
    expect(graph.nodes.find((node) => node.key === "orders")?.kinds).toEqual(testCase.kinds);
    // The multi-asset's own io reaches its members; a graph asset's json adds nothing.
    expect(graph.nodes.find((node) => node.key === "customers")?.kinds).toEqual(["crm", "table", "parquet"]);
    expect(graph.nodes.find((node) => node.key === "report")?.kinds).toEqual([]);
    const found = workspace.analyzer.diagnostics().filter((d) => d.code === "AL1027");
    const expected = testCase.diagnostic;
    expect(
      found.map(({ severity, range, message, data }) => ({ severity, start: range.start, message, data })),
    ).toEqual(
      expected
        ? [
            {
              severity: "error",
              start: workspace.at(expected.at[0], expected.at[1], expected.at[2]),
              message: expected.message,
              data: expected.suggestion === undefined ? undefined : { suggestion: expected.suggestion },
            },
          ]
        : [],
    );
  });
});

describe("the io kinds across edits", () => {
  it("follow the Definitions' default when only the definitions file changes", () => {
    const workspace = analyzeFiles({
      "src/assets.ts": assetsFile(`kinds: ["sql"]`),
      "src/definitions.ts": definitionsFile(`, io: "duckdb"`),
    });
    const kinds = () => workspace.analyzer.graph().nodes.find((node) => node.key === "orders")?.kinds;
    expect(kinds()).toEqual(["sql", "table", "duckdb"]);
    workspace.analyzer.update(workspace.path("src/definitions.ts"), definitionsFile(`, io: "parquet"`));
    expect(kinds()).toEqual(["sql", "table", "parquet"]);
    workspace.analyzer.update(workspace.path("src/definitions.ts"), definitionsFile(""));
    expect(kinds()).toEqual(["sql"]);
  });
});
