/** The analyzer's partition diagnostics: code, severity, the expression they sit on, and a message with the fix. */
import { describe, expect, it } from "vitest";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, multiAsset, AssetSpec, AssetIn, DailyPartitionsDefinition, MonthlyPartitionsDefinition, StaticPartitionsDefinition, DynamicPartitionsDefinition, TimeWindowPartitionMapping, StaticPartitionMapping, IdentityPartitionMapping } from "assetline";\n`;

interface Expected {
  code: string;
  /** The diagnostic starts at the `occurrence`-th `needle` in `file`. */
  at: [file: string, needle: string, occurrence?: number];
  message: string;
}

interface DiagnosticCase {
  name: string;
  files: Record<string, string>;
  diagnostics: Expected[];
}

const cases: DiagnosticCase[] = [
  {
    // A string's range is its text inside the quotes, as for keys.
    name: "an unknown time zone, on the option, in a shared const and nowhere it is used",
    files: {
      "src/partitions.ts": `${sdk}export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Mars/Base" });`,
      "src/a.ts": `${sdk}import { daily } from "./partitions";\nexport const a = asset({ partitionsDef: daily }, () => 1);\nexport const b = asset({ partitionsDef: daily }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1015",
        at: ["src/partitions.ts", "Mars/Base"],
        message:
          'Partitions definition `daily` (src/partitions.ts): DailyPartitionsDefinition: `timezone` "Mars/Base" is not an IANA time zone: use one like "Europe/Paris" or "UTC".',
      },
    ],
  },
  {
    name: "a start date not in the definition's format, on the option, and an end before the start",
    files: {
      "src/a.ts": `${sdk}export const a = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-13-01" }) }, () => 1);
export const b = asset({ partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-01-01" }) }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1015",
        at: ["src/a.ts", "2026-13-01"],
        message:
          'Asset "a" (src/a.ts): DailyPartitionsDefinition: startDate "2026-13-01" is not a date in the format "yyyy-MM-dd" (like "2026-03-01").',
      },
      {
        code: "AL1015",
        at: ["src/a.ts", "2026-01-01"],
        message:
          'Asset "b" (src/a.ts): MonthlyPartitionsDefinition: endDate "2026-01-01" is not after startDate "2026-03-01".',
      },
    ],
  },
  {
    name: "mappings between definitions they cannot map: written on the mapping, the default on the reference, once per multi-asset",
    files: {
      "src/up.ts": `${sdk}export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
export const regions = StaticPartitionsDefinition(["eu", "us"]);
export const orders = asset({ partitionsDef: daily }, () => 1);
export const byRegion = asset({ partitionsDef: regions }, () => 1);`,
      "src/a.ts": `${sdk}import { daily, regions, orders, byRegion } from "./up";
export const shifted = asset({ partitionsDef: daily, ins: { r: AssetIn(byRegion, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }) } }, ({ r }) => r);
export const renamed = asset({ partitionsDef: regions, ins: { r: { asset: byRegion, partitionMapping: StaticPartitionMapping({ eu: "eu", apac: "us" }) } } }, ({ r }) => r);
export const mismatched = asset({ partitionsDef: regions, ins: { orders } }, ({ orders }) => orders);
export const both = multiAsset({ partitionsDef: regions, specs: [AssetSpec("both/a"), AssetSpec("both/b")], deps: [orders] }, function* () {});`,
    },
    diagnostics: [
      {
        code: "AL1017",
        at: ["src/a.ts", "TimeWindowPartitionMapping({"],
        message:
          'Asset "shifted" reads "byRegion" through its partition mapping: a TimeWindowPartitionMapping needs time-window partitions on both sides, not between static partitions upstream and daily partitions downstream: use another mapping (StaticPartitionMapping, AllPartitionMapping…).',
      },
      {
        code: "AL1017",
        at: ["src/a.ts", "StaticPartitionMapping({"],
        message:
          'Asset "renamed" reads "byRegion" through its partition mapping: a StaticPartitionMapping maps "apac", which the upstream does not list.',
      },
      {
        code: "AL1017",
        at: ["src/a.ts", "orders }"],
        message:
          'Asset "mismatched" reads "orders" through the default partition mapping: partition keys do not map key to key between daily partitions upstream and static partitions downstream: choose a partition mapping (TimeWindowPartitionMapping, StaticPartitionMapping, AllPartitionMapping…).',
      },
      {
        code: "AL1017",
        at: ["src/a.ts", "orders] }"],
        message:
          'Asset "both/a" reads "orders" through the default partition mapping: partition keys do not map key to key between daily partitions upstream and static partitions downstream: choose a partition mapping (TimeWindowPartitionMapping, StaticPartitionMapping, AllPartitionMapping…).',
      },
    ],
  },
  {
    name: "an asset named where a partitions definition or a mapping goes",
    files: {
      "src/a.ts": `${sdk}export const orders = asset(() => 1);
export const a = asset({ partitionsDef: orders as never }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1015",
        at: ["src/a.ts", "orders as"],
        message:
          'Asset "a" (src/a.ts): `orders` is an asset, not a partitions definition or mapping: write one there (DailyPartitionsDefinition({ startDate: "2026-03-01" }), TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 })…).',
      },
    ],
  },
  {
    name: "a static list with a key twice, on the second one",
    files: {
      "src/a.ts": `${sdk}export const a = asset({ partitionsDef: StaticPartitionsDefinition(["eu", "us", "eu"]) }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1016",
        at: ["src/a.ts", 'eu"]', 0],
        message: 'Asset "a" (src/a.ts): StaticPartitionsDefinition: the key "eu" is listed twice: keep one.',
      },
    ],
  },
  {
    name: "multi-asset members that name different definitions",
    files: {
      "src/a.ts": `${sdk}const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const monthly = MonthlyPartitionsDefinition({ startDate: "2026-03-01" });
export const m = multiAsset({ partitionsDef: daily, specs: [AssetSpec("m1"), AssetSpec("m2", { partitionsDef: monthly })] }, function* () {});`,
    },
    diagnostics: [
      {
        code: "AL1018",
        at: ["src/a.ts", "monthly })"],
        message:
          'Multi-asset "m" (src/a.ts): the spec "m2" has another `partitionsDef` than the multi-asset\'s: one function materializes every member, so they share one definition. Give the multi-asset one `partitionsDef` and remove the specs\' own.',
      },
    ],
  },
  {
    name: "partition reads its partitions cannot give: through the context, destructured in the parameter or the body",
    files: {
      "src/a.ts": `${sdk}export const up = asset(() => 1);
export const byName = asset((ctx) => ctx.partitionKey);
export const inParameter = asset({ ins: { up } }, ({ up }, { partitionKeyRange }) => [up, partitionKeyRange]);
export const inBody = asset((context) => { const { partitionTimeWindow: w } = context; return w; });
export const guarded = asset((ctx) => (ctx.hasPartitionKey ? ctx.partitionKey : "all"));
export const partitioned = asset({ partitionsDef: StaticPartitionsDefinition(["a"]) }, (ctx) => ctx.partitionKey);
export const noWindow = asset({ partitionsDef: DynamicPartitionsDefinition({ name: "c" }) }, (ctx) => ctx.hasPartitionKey && ctx.partitionTimeWindow);
export const windowed = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01" }) }, (ctx) => ctx.partitionTimeWindow);
export const inputsOnly = asset({ ins: { up } }, ({ up }) => up);`,
    },
    diagnostics: [
      {
        code: "AL1019",
        at: ["src/a.ts", "ctx.partitionKey"],
        message:
          'Asset "byName" (src/a.ts) is not partitioned, but its function reads `partitionKey` from its context, which fails when it runs. Give the asset a `partitionsDef`, or read it only when `ctx.hasPartitionKey` is true.',
      },
      {
        code: "AL1019",
        at: ["src/a.ts", "partitionKeyRange }"],
        message:
          'Asset "inParameter" (src/a.ts) is not partitioned, but its function reads `partitionKeyRange` from its context, which fails when it runs. Give the asset a `partitionsDef`, or read it only when `ctx.hasPartitionKey` is true.',
      },
      {
        code: "AL1019",
        at: ["src/a.ts", "partitionTimeWindow: w"],
        message:
          'Asset "inBody" (src/a.ts) is not partitioned, but its function reads `partitionTimeWindow` from its context, which fails when it runs. Give the asset a `partitionsDef`, or read it only when `ctx.hasPartitionKey` is true.',
      },
      {
        code: "AL1019",
        at: ["src/a.ts", "ctx.partitionTimeWindow"],
        message:
          'Asset "noWindow" (src/a.ts) has dynamic partitions, which have no time window, but its function reads `partitionTimeWindow` from its context, which fails when it runs. Read `partitionKey`, or partition it by time (DailyPartitionsDefinition…).',
      },
    ],
  },
  {
    name: "a backfill policy without partitions, and one that is no policy",
    files: {
      "src/a.ts": `${sdk}export const a = asset({ backfillPolicy: "single-run" }, () => 1);
export const b = asset({ partitionsDef: StaticPartitionsDefinition(["x"]), backfillPolicy: "single" as never }, () => 1);`,
    },
    diagnostics: [
      {
        code: "AL1015",
        at: ["src/a.ts", "single-run"],
        message:
          'Asset "a" (src/a.ts): `backfillPolicy` applies to partitioned assets only: add a `partitionsDef` or remove it.',
      },
      {
        code: "AL1015",
        at: ["src/a.ts", 'single" as'],
        message: 'Asset "b" (src/a.ts): `backfillPolicy` must be "single-run" or "multi-run" (got "single").',
      },
    ],
  },
  {
    name: "partitions the analyzer cannot follow: a call, a `let`, a mapping from a call; then no partition check applies",
    files: {
      "src/make.ts": `${sdk}export const makeDaily = () => DailyPartitionsDefinition({ startDate: "2026-03-01" });\nexport let current = makeDaily();`,
      "src/a.ts": `${sdk}import { makeDaily, current } from "./make";
export const a = asset({ partitionsDef: makeDaily() }, (ctx) => ctx.partitionKey);
export const b = asset({ partitionsDef: current }, () => 1);
export const c = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: new Date().toISOString() }) }, () => 1);
export const d = asset({ ins: { a: AssetIn(a, { partitionMapping: pick() }) } }, () => 1);
function pick() { return IdentityPartitionMapping(); }`,
    },
    diagnostics: [
      {
        code: "AL1020",
        at: ["src/a.ts", "makeDaily()"],
        message:
          'Asset "a" (src/a.ts): in its partitionsDef, `makeDaily()` is a function call, which the analyzer cannot follow, so its partitions are unknown. Write the definition in place, like DailyPartitionsDefinition({ startDate: "2026-03-01" }), or name a top-level const that holds one.',
      },
      {
        code: "AL1020",
        at: ["src/a.ts", "current }", 1],
        message:
          'Asset "b" (src/a.ts): in its partitionsDef, `current` is a `let` variable in src/make.ts, which the analyzer cannot follow, so its partitions are unknown. Write the definition in place, like DailyPartitionsDefinition({ startDate: "2026-03-01" }), or name a top-level const that holds one.',
      },
      {
        code: "AL1020",
        at: ["src/a.ts", "new Date()"],
        message:
          'Asset "c" (src/a.ts): in its partitionsDef, `new Date().toISOString()` is a function call, which the analyzer cannot follow, so its partitions are unknown. Write the definition in place, like DailyPartitionsDefinition({ startDate: "2026-03-01" }), or name a top-level const that holds one.',
      },
      {
        code: "AL1020",
        at: ["src/a.ts", "pick()"],
        message:
          'Asset "d" (src/a.ts): in the partition mapping of `a`, `pick()` is a function call, which the analyzer cannot follow, so that edge\'s mapping is unknown. Write the mapping in place, like TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }), or name a top-level const that holds one.',
      },
    ],
  },
];

describe("partition diagnostics", () => {
  it("checks a mapping again when the upstream's definition changes in another file, and only then", () => {
    const upstream = `${sdk}export const orders = asset({ partitionsDef: StaticPartitionsDefinition(["eu"]) }, () => 1);`;
    const workspace = analyzeFiles({
      "src/up.ts": upstream,
      "src/a.ts": `${sdk}import { orders } from "./up";
export const down = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01" }), ins: { y: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }) } }, ({ y }) => y);`,
    });
    expect(workspace.codes()).toEqual(["src/a.ts:3 AL1017"]);
    const fixed = upstream.replace(
      'StaticPartitionsDefinition(["eu"])',
      'DailyPartitionsDefinition({ startDate: "2026-03-01" })',
    );
    expect(workspace.analyzer.update(workspace.path("src/up.ts"), fixed)).toContain(workspace.path("src/a.ts"));
    expect(workspace.codes()).toEqual([]);
    expect(workspace.analyzer.update(workspace.path("src/up.ts"), upstream)).toContain(workspace.path("src/a.ts"));
    expect(workspace.codes()).toEqual(["src/a.ts:3 AL1017"]);
  });

  it.each(cases)("$name", (testCase) => {
    const workspace = analyzeFiles(testCase.files);
    expect(workspace.placed()).toEqual(
      testCase.diagnostics.map(({ code, at: [file, needle, occurrence], message }) => ({
        code,
        severity: code === "AL1020" ? "warning" : "error",
        file: workspace.path(file),
        start: workspace.at(file, needle, 0, occurrence ?? 0),
        message,
      })),
    );
  });
});
