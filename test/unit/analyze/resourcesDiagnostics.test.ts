/** AL1026: an asset (or a multi-asset, graph asset or check) requesting a resource the Definitions does not provide. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, assetCheck, multiAsset, multiAssetCheck, graphAsset, AssetSpec, Definitions, defineResource } from "assetline";\n`;
const resources = `${sdk}export const warehouse = defineResource({ setup: () => ({}) });
export const github = defineResource({ setup: () => ({}) });
`;
const defs = (written: string, assets = "orders") =>
  `${sdk}import { warehouse, github } from "./resources";\nimport { ${assets} } from "./assets";\nexport default new Definitions({ assets: [${assets}], ${written} });\n`;
const provides = defs("resources: { warehouse, github }");

interface Expected {
  /** The diagnostic starts at the `occurrence`-th `needle` in src/assets.ts, plus `offset` characters. */
  at: [needle: string, offset?: number, occurrence?: number];
  message: string;
  /** What the quick fix offers ("Change to …"); absent when it offers nothing. */
  suggestion?: string;
}

interface ResourcesCase {
  name: string;
  assets: string;
  definitions: string;
  diagnostics: Expected[];
}

const notProvided = (asset: string, key: string, fix: string, who = `Asset "${asset}"`) =>
  `${who} (src/assets.ts) requests resource "${key}", which the Definitions in definitions.ts does not provide. ${fix}`;
const warehous = (who: string) =>
  notProvided("", "warehous", `Did you mean "warehouse"? Otherwise add it to ${addIt}`, who);
const addIt = "`Definitions({ resources })` there, or runs will stop before any step.";

const cases: ResourcesCase[] = [
  {
    name: "provided keys, in the array and the object form: nothing",
    assets: `${sdk}import { warehouse } from "./resources";
export const orders = asset({ resources: ["warehouse", "github"] }, () => []);
export const users = asset({ resources: { warehouse } }, () => []);`,
    definitions: defs("resources: { warehouse, github }", "orders, users"),
    diagnostics: [],
  },
  {
    name: "a misspelled key string: did-you-mean, on the key inside the quotes",
    assets: `${sdk}export const orders = asset({ resources: ["warehous"] }, () => []);`,
    definitions: provides,
    diagnostics: [
      {
        at: ['"warehous"', 1],
        message: notProvided("orders", "warehous", `Did you mean "warehouse"? Otherwise add it to ${addIt}`),
        suggestion: "warehouse",
      },
    ],
  },
  {
    name: "a key nothing is close to: the fix alone",
    assets: `${sdk}export const orders = asset({ key: "orders_v2", resources: ["slack"] }, () => []);`,
    definitions: provides,
    diagnostics: [{ at: ['"slack"', 1], message: notProvided("orders_v2", "slack", `Add it to ${addIt}`) }],
  },
  {
    name: "object form: a named key is fixable, a shorthand one (a variable's name too) is not",
    assets: `${sdk}const gthub = {};
export const orders = asset({ resources: { warehous: {}, gthub } }, () => []);`,
    definitions: provides,
    diagnostics: [
      {
        at: ["warehous"],
        message: notProvided("orders", "warehous", `Did you mean "warehouse"? Otherwise add it to ${addIt}`),
        suggestion: "warehouse",
      },
      {
        at: ["gthub", 0, 1],
        message: notProvided("orders", "gthub", `Did you mean "github"? Otherwise add it to ${addIt}`),
      },
    ],
  },
  {
    name: "a top-level key const: on its use, not fixable there (the const would then name nothing)",
    assets: `${sdk}const SLAK = "slak";
export const orders = asset({ resources: [SLAK] }, () => []);`,
    definitions: defs("resources: { warehouse, slack: github }"),
    diagnostics: [
      {
        at: ["SLAK", 0, 1],
        message: notProvided("orders", "slak", `Did you mean "slack"? Otherwise add it to ${addIt}`),
      },
    ],
  },
  ...[
    {
      form: "a multi-asset",
      code: `export const orders = multiAsset({ specs: [AssetSpec("a")], resources: ["warehous"] }, function* () {});`,
      who: 'Multi-asset "orders"',
    },
    {
      form: "a graph asset",
      code: `export const orders = graphAsset({ resources: ["warehous"] }, async () => 1);`,
      who: 'Graph asset "orders"',
    },
    {
      form: "an exported assetCheck",
      code: `export const orders = asset({}, () => []);
export const has_rows = assetCheck({ asset: orders, resources: ["warehous"] }, () => true);`,
      who: 'Check "has_rows"',
    },
    {
      form: "an inline check, named",
      code: `export const orders = asset({ checks: [assetCheck({ name: "fresh", resources: ["warehous"] }, () => true)] }, () => []);`,
      who: 'Check "fresh"',
    },
    {
      form: "a multiAssetCheck",
      code: `export const orders = asset({}, () => []);
export const both = multiAssetCheck({ specs: [{ asset: orders, name: "a" }], resources: ["warehous"] }, () => []);`,
      who: 'Check "both"',
    },
  ].map(({ form, code, who }) => ({
    name: `${form} requests a misspelled key: did-you-mean, naming it`,
    assets: `${sdk}${code}`,
    definitions: provides,
    diagnostics: [{ at: ['"warehous"', 1] as Expected["at"], message: warehous(who), suggestion: "warehouse" }],
  })),
  {
    name: "a Definitions without resources provides none",
    assets: `${sdk}export const orders = asset({ resources: ["warehouse"] }, () => []);`,
    definitions: defs("jobs: []"),
    diagnostics: [{ at: ['"warehouse"', 1], message: notProvided("orders", "warehouse", `Add it to ${addIt}`) }],
  },
  {
    name: "no Definitions in the workspace: nothing",
    assets: `${sdk}export const orders = asset({ resources: ["warehous"] }, () => []);`,
    definitions: `${sdk}export const unused = 1;\n`,
    diagnostics: [],
  },
  ...[
    "resources: makeResources()",
    "resources: { ...shared, github }",
    "resources: shared",
    "resources: { [name]: github }",
  ].map((written) => ({
    name: `resources only running the code tells (${written}): nothing`,
    assets: `${sdk}export const orders = asset({ resources: ["warehous"] }, () => []);`,
    definitions: defs(written).replace(
      "export default",
      "const shared = { warehouse };\nconst name = 'slack';\nconst makeResources = () => shared;\nexport default",
    ),
    diagnostics: [],
  })),
];

describe("resource diagnostics", () => {
  it.each(cases)("$name", (testCase) => {
    const workspace = analyzeFiles({
      "src/resources.ts": resources,
      "src/assets.ts": testCase.assets,
      "src/definitions.ts": testCase.definitions,
    });
    const found = workspace.analyzer.diagnostics().filter((d) => d.code === "AL1026");
    expect(
      found.map(({ severity, range, message, data }) => ({ severity, start: range.start, message, data })),
    ).toEqual(
      testCase.diagnostics.map(({ at: [needle, offset, occurrence], message, suggestion }) => ({
        severity: "error",
        start: workspace.at("src/assets.ts", needle, offset ?? 0, occurrence ?? 0),
        message,
        data: suggestion === undefined ? undefined : { suggestion },
      })),
    );
  });
});
