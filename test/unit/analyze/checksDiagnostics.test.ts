/** The analyzer's check and freshness diagnostics: code, severity, the text they sit on, and a message with the fix. */
import { describe, expect, it } from "vitest";
import { analyzeFiles, type ExpectedDiagnostic } from "./workspace";

const sdk = `import { asset, AssetSpec, Definitions, assetCheck, multiAssetCheck, checks } from "assetline";\n`;
const assets = `${sdk}export const orders = asset(() => []);\nexport const raw = AssetSpec("raw");\nexport function helper() {}\n`;

interface DiagnosticCase {
  name: string;
  files: Record<string, string>;
  diagnostics: ExpectedDiagnostic[];
  /** Keys of the checks that stay in the graph. */
  checks?: string[];
}

const cases: DiagnosticCase[] = [
  {
    name: "AL1021: a check on a key no asset has (did-you-mean), on a handle that is no asset, listed naming none, inline naming one",
    files: {
      "src/assets.ts": `${assets}export const withOwn = asset({ checks: [checks.unique("id", { asset: "raw" })] }, () => []);\n`,
      "src/checks.ts": `${sdk}import { orders, raw, withOwn, helper } from "./assets";
export const typo = assetCheck({ asset: "ordrs" }, () => true);
export const notAnAsset = checks.rowCount({ asset: helper });
export const nowhere = assetCheck({ name: "nowhere" }, () => true);
export const forAssets = assetCheck({ name: "for_assets" }, () => true);
export default new Definitions({ assets: [orders, raw, withOwn], checks: [nowhere] });`,
    },
    diagnostics: [
      {
        code: "AL1021",
        severity: "error",
        at: ["src/assets.ts", '"raw" }', 1],
        message:
          'Asset "withOwn" (src/assets.ts): a check in its `checks` names an asset of its own, and is about that asset only: remove its `asset` (or export the check beside the asset instead).',
      },
      {
        code: "AL1021",
        severity: "error",
        at: ["src/checks.ts", "ordrs"],
        message: 'Check "typo" (src/checks.ts): asset "ordrs" is not defined in the workspace. Did you mean "orders"?',
      },
      {
        code: "AL1021",
        severity: "error",
        at: ["src/checks.ts", "helper", 0, 1],
        message:
          'Check "row_count" (src/checks.ts): asset `helper` is a plain value, not an asset. Import the asset, or name it by its key string.',
      },
      {
        code: "AL1021",
        severity: "error",
        at: ["src/checks.ts", '"nowhere"', 1],
        message:
          "Check \"nowhere\" (src/checks.ts) names no asset: write `asset: orders` in it, or list it in an asset's `checks` instead of the Definitions'.",
      },
    ],
    checks: [],
  },
  {
    name: "AL1022: two checks with one name on one asset, on the second (an inline builtin and an exported one)",
    files: {
      "src/assets.ts": `${sdk}export const orders = asset({ checks: [checks.unique("id")] }, () => []);`,
      "src/checks.ts": `${sdk}import { orders } from "./assets";\nexport const again = assetCheck({ asset: orders, name: "unique_id" }, () => true);`,
    },
    diagnostics: [
      {
        code: "AL1022",
        severity: "error",
        at: ["src/checks.ts", "unique_id"],
        message:
          'Duplicate check "unique_id" on "orders": it is also defined in src/assets.ts:2. Give one of them another name.',
      },
    ],
    checks: ["orders:unique_id"],
  },
  {
    name: "AL1023: a blocking check on an external asset, on `blocking: true`",
    files: {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { raw } from "./assets";\nexport const gate = assetCheck({ asset: raw, blocking: true }, () => true);`,
    },
    diagnostics: [
      {
        code: "AL1023",
        severity: "warning",
        at: ["src/checks.ts", "blocking: true"],
        message:
          'Check "gate" is blocking, but "raw" is an external asset (AssetSpec): no run here materializes it, so there is nothing to block. Remove `blocking: true`.',
      },
    ],
    checks: ["raw:gate"],
  },
  {
    name: "AL1024: bad durations at the column the parser stopped at, a bad cron, a bad zone, a missing lag",
    files: {
      "src/assets.ts": `${sdk}export const a = asset({ freshness: { maximumLag: "24h 3 days" } }, () => []);
export const b = asset({ freshness: { maximumLag: "1h", cron: "0 25 * * *" } }, () => []);
export const c = asset({ freshness: { maximumLag: "1h", cron: "0 6 * * *", cronTimezone: "Mars/Base" } }, () => []);
export const d = asset({ freshness: { cron: "0 6 * * *" } }, () => []);
export const e = asset({ checks: [checks.freshness({ maximumLag: "0m" })] }, () => []);
const shared = checks.freshness({ maximumLag: "5 min" });
const HOURS = "3 hours";
let lag = "1h";
export const h = asset({ freshness: { maximumLag: HOURS } }, () => []);
export const i = asset({ freshness: { maximumLag: lag } }, () => []);
export const f = asset({ checks: [shared] }, () => []);
export const g = asset({ checks: [shared] }, () => []);`,
    },
    diagnostics: [
      {
        // Reported once, where it is written (top-level checks first), however many assets list it.
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", "5 min"],
        message:
          'Check "freshness" (src/assets.ts): maximumLag "5 min" is not a duration at "5 min": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h".',
      },
      {
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", "3 days"],
        message:
          'Asset "a" (src/assets.ts): maximumLag "24h 3 days" is not a duration at "3 days": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h".',
      },
      {
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", "0 25 * * *"],
        message: expect.stringMatching(
          /^Asset "b" \(src\/assets\.ts\): cron "0 25 \* \* \*" is not a cron expression \(.+\): write five fields, as "0 6 \* \* \*" \(06:00 every day\)\.$/,
        ),
      },
      {
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", "Mars/Base"],
        message:
          'Asset "c" (src/assets.ts): cronTimezone "Mars/Base" is not an IANA time zone: write one like "Europe/Paris" or "UTC".',
      },
      {
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", '{ cron: "0 6'],
        message:
          'Asset "d" (src/assets.ts): a freshness policy needs `maximumLag`. Write string literals, as freshness: { maximumLag: "24h", cron: "0 6 * * *" }.',
      },
      {
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", '"0m"', 1],
        message: 'Check "freshness" (src/assets.ts): maximumLag "0m" is zero: a maximum lag must be longer than that.',
      },
      {
        // A const's string: said on the name that reads it (the const may serve elsewhere).
        code: "AL1024",
        severity: "error",
        at: ["src/assets.ts", "HOURS }"],
        message:
          'Asset "h" (src/assets.ts): maximumLag "3 hours" is not a duration at "3 hours": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h".',
      },
      {
        code: "AL1009",
        severity: "warning",
        at: ["src/assets.ts", "lag }"],
        message:
          'Asset "i" (src/assets.ts): its `maximumLag` `lag` is a `let` variable, which the analyzer cannot follow, so its freshness is unknown. Write string literals, as freshness: { maximumLag: "24h", cron: "0 6 * * *" }.',
      },
    ],
    checks: ["e:freshness", "f:freshness", "g:freshness"],
  },
  {
    name: "AL1025: an asset, a name or a checks entry only running the code would tell",
    files: {
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}import { orders, raw } from "./assets";
let current = "orders";
const column = process.env.COLUMN ?? "id";
const made = () => checks.rowCount({ asset: orders });
export const dynamicAsset = assetCheck({ asset: current, name: "dynamic_asset" }, () => true);
export const dynamicName = checks.unique(column, { asset: orders });
export const withChecks = asset({ checks: [made()] }, () => []);
export default new Definitions({ assets: [orders, raw, withChecks], checks: [made()] });`,
    },
    diagnostics: [
      {
        code: "AL1025",
        severity: "warning",
        at: ["src/checks.ts", "column,"],
        message:
          'Check "dynamicName" (src/checks.ts): its name `column` is a computed value, which the analyzer cannot follow, so that check is not in the graph. Write a string literal or a top-level const.',
      },
      {
        code: "AL1025",
        severity: "warning",
        at: ["src/checks.ts", "made()", 0, 0],
        message:
          'Asset "withChecks" (src/checks.ts): its checks entry `made()` is a function call, which the analyzer cannot follow, so that check is not in the graph. Write the check there (assetCheck(...), checks.unique(...)), or name a top-level one.',
      },
      {
        code: "AL1025",
        severity: "warning",
        at: ["src/checks.ts", "current", 0, 1],
        message:
          'Check "dynamic_asset" (src/checks.ts): asset `current` is a `let` variable, which the analyzer cannot follow, so this check is not in the graph. Use a string literal or a top-level const.',
      },
      {
        code: "AL1025",
        severity: "warning",
        at: ["src/checks.ts", "made()", 0, 1],
        message:
          "Definitions (src/checks.ts): its checks entry `made()` is a function call, which the analyzer cannot follow, so which checks it lists is unknown. List each check by its name.",
      },
    ],
    checks: [],
  },
  {
    name: "AL1004 and AL1014: a check without a name or with an invalid one, and one imported from no file",
    files: {
      "src/assets.ts": `${sdk}export const orders = asset({ checks: [assetCheck({ blocking: true }, () => true), assetCheck({ name: "has space" }, () => true)] }, () => []);`,
      "src/definitions.ts": `${sdk}import { orders } from "./assets";\nimport { gone } from "./missing";\nexport default new Definitions({ assets: [orders], checks: [gone] });`,
    },
    diagnostics: [
      {
        code: "AL1004",
        severity: "error",
        at: ["src/assets.ts", "assetCheck({ blocking"],
        message:
          'Check "?" (src/assets.ts) has no name: give it one (`name: "positive_totals"`), or export it to be named after its binding.',
      },
      {
        code: "AL1004",
        severity: "error",
        at: ["src/assets.ts", "has space"],
        message: 'Invalid check name "has space": use only letters, digits, "_" and "-".',
      },
      {
        code: "AL1014",
        severity: "error",
        at: ["src/definitions.ts", "gone", 0, 1],
        message: expect.stringMatching(
          /^Definitions \(src\/definitions\.ts\): its check `gone` is imported from "\.\/missing"/,
        ),
      },
    ],
    checks: [],
  },
];

describe("check and freshness diagnostics", () => {
  it.each(cases)("$name", (testCase) => {
    const workspace = analyzeFiles(testCase.files);
    expect(workspace.placed()).toEqual(workspace.expected(testCase.diagnostics));
    if (testCase.checks)
      expect((workspace.analyzer.graph().checks ?? []).map((check) => check.key)).toEqual(testCase.checks);
  });

  it("offers the closest asset for a check's missing one, as for an upstream", () => {
    const workspace = analyzeFiles({
      "src/assets.ts": assets,
      "src/checks.ts": `${sdk}export const typo = assetCheck({ asset: "ordrs" }, () => true);`,
    });
    expect(workspace.analyzer.diagnostics()[0]?.data).toEqual({ missingKey: "ordrs", suggestion: "orders" });
  });
});
