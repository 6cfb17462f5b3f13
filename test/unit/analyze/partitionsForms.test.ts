/**
 * Every way a user writes partitions, each as a small workspace: the partitions, backfill policy and mappings the
 * analyzer puts on the graph, with the SDK's defaults filled, without running the code.
 */
import { describe, expect, it } from "vitest";
import type {
  PartitionMappingData,
  PartitionsDefinitionData,
  StaticPartitions,
  TimeWindowPartitions,
} from "../../../sdk/src/protocol/partitions";
import { DailyPartitionsDefinition } from "../../../sdk/src/define/partitions";
import { analyzeFiles } from "./workspace";

const sdk = `import { asset, multiAsset, graphAsset, op, AssetSpec, AssetIn, AssetDep, DailyPartitionsDefinition, MonthlyPartitionsDefinition, WeeklyPartitionsDefinition, HourlyPartitionsDefinition, StaticPartitionsDefinition, DynamicPartitionsDefinition, MultiPartitionsDefinition, TimeWindowPartitionMapping, AllPartitionMapping, LastPartitionMapping, StaticPartitionMapping, MultiToSingleDimensionPartitionMapping } from "assetline";\n`;

const daily = (extra: Partial<TimeWindowPartitions> = {}): TimeWindowPartitions => ({
  ...DailyPartitionsDefinition({ startDate: "2026-03-01" }),
  ...extra,
});
const regions: StaticPartitions = { type: "static", keys: ["eu", "us", "apac"] };
const yesterday: PartitionMappingData = {
  type: "time-window",
  startOffset: -1,
  endOffset: -1,
  allowNonexistentUpstreamPartitions: false,
};

interface PartitionsCase {
  name: string;
  files: Record<string, string>;
  /** Key -> its `partitions` without `count` (undefined: unpartitioned), and its backfill policy when one is written. */
  partitions: Record<string, PartitionsDefinitionData | undefined>;
  backfillPolicy?: Record<string, "single-run" | "multi-run">;
  /** `from -kind-> to` -> the mapping written on that edge (edges not listed have none). */
  mappings?: Record<string, PartitionMappingData>;
}

const cases: PartitionsCase[] = [
  {
    name: "inline definitions with every default filled, and a backfill policy",
    files: {
      "src/a.ts": `${sdk}export const orders = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01" }), backfillPolicy: "single-run" }, (ctx) => ctx.partitionKey);
export const paris = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01", timezone: "Europe/Paris", endOffset: 1, hourOffset: 6 }) }, () => 1);
export const hourly = asset({ partitionsDef: HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00" }) }, () => 1);
export const weekly = asset({ partitionsDef: WeeklyPartitionsDefinition({ startDate: "2026-03-01" }) }, () => 1);
export const monthly = asset({ partitionsDef: MonthlyPartitionsDefinition({ startDate: "2026-03-01" }) }, () => 1);
export const regional = asset({ partitionsDef: StaticPartitionsDefinition(["eu", "us", "apac"]) }, () => 1);
export const customers = asset({ partitionsDef: DynamicPartitionsDefinition({ name: "customers" }) }, () => 1);
export const plain = asset(() => 1);`,
    },
    partitions: {
      orders: daily(),
      paris: daily({ timezone: "Europe/Paris", endOffset: 1, hourOffset: 6 }),
      hourly: daily({ granularity: "hourly", start: "2026-03-01-00:00", fmt: "yyyy-MM-dd-HH:mm" }),
      weekly: daily({ granularity: "weekly" }),
      monthly: daily({ granularity: "monthly", dayOffset: 1 }),
      regional: regions,
      customers: { type: "dynamic", name: "customers" },
      plain: undefined,
    },
    backfillPolicy: { orders: "single-run" },
  },
  {
    name: "a shared partitions.ts: consts imported directly, under another name, through re-exports, `import * as` and aliases",
    files: {
      "src/partitions.ts": `${sdk}export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
export const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
export const yesterday = TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 });`,
      "src/index.ts": `export * from "./partitions";\nexport { daily as everyDay } from "./partitions";`,
      "src/a.ts": `${sdk}import { daily } from "./partitions";
import { daily as d, regions } from "./index";
import * as p from "./index";
import { everyDay } from "./index";
const local = d;
export const a = asset({ partitionsDef: daily }, () => 1);
export const b = asset({ partitionsDef: d }, () => 1);
export const c = asset({ partitionsDef: p.daily }, () => 1);
export const e = asset({ partitionsDef: everyDay }, () => 1);
export const f = asset({ partitionsDef: local }, () => 1);
export const g = asset({ partitionsDef: p.regions }, () => 1);
export const h = asset({ partitionsDef: regions }, () => 1);`,
    },
    partitions: { a: daily(), b: daily(), c: daily(), e: daily(), f: daily(), g: regions, h: regions },
  },
  {
    name: "constructors through `import * as` and under another name",
    files: {
      "src/a.ts": `import * as al from "assetline";
import { StaticPartitionsDefinition as Keys, AssetIn as In, TimeWindowPartitionMapping as Shift } from "assetline";
export const days = al.asset({ partitionsDef: al.DailyPartitionsDefinition({ startDate: "2026-03-01" }) }, () => 1);
export const keyed = al.asset({ partitionsDef: Keys(["eu", "us", "apac"]) }, () => 1);
export const next = al.asset({ partitionsDef: al.DailyPartitionsDefinition({ startDate: "2026-03-01" }), ins: { d: In(days, { partitionMapping: Shift({ startOffset: -1, endOffset: -1 }) }) } }, ({ d }) => d);`,
    },
    partitions: { days: daily(), keyed: regions, next: daily() },
    mappings: { "days -data-> next": yesterday },
  },
  {
    name: "a const in the same file, and a multi definition of two consts (dimensions sorted by name)",
    files: {
      "src/a.ts": `${sdk}const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
const START = "2026-03-01";
export const byDay = asset({ partitionsDef: daily }, () => 1);
export const both = asset({ partitionsDef: MultiPartitionsDefinition({ region: regions, date: daily }) }, () => 1);
export const fromConst = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: START }) }, () => 1);`,
    },
    partitions: {
      byDay: daily(),
      both: {
        type: "multi",
        dimensions: [
          { name: "date", definition: daily() },
          { name: "region", definition: regions },
        ],
      },
      fromConst: daily(),
    },
  },
  {
    name: "multi-assets (one definition for every member), graph assets and partitioned AssetSpecs",
    files: {
      "src/a.ts": `${sdk}const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
export const external = AssetSpec("raw/orders", { partitionsDef: daily });
export const m = multiAsset({ partitionsDef: daily, backfillPolicy: "multi-run", specs: [AssetSpec("m1"), AssetSpec("m2", { partitionsDef: daily })] }, function* () {});
export const n = multiAsset({ specs: [AssetSpec("n1"), AssetSpec("n2", { partitionsDef: StaticPartitionsDefinition(["eu", "us", "apac"]) })] }, function* () {});
const step = op("step", () => 1);
export const composed = graphAsset({ partitionsDef: daily }, () => step());`,
    },
    partitions: {
      "raw/orders": daily(),
      m1: daily(),
      m2: daily(),
      n1: regions,
      n2: regions,
      composed: daily(),
    },
    backfillPolicy: { m1: "multi-run", m2: "multi-run" },
  },
  {
    name: "mappings on edges: AssetIn, { asset, partitionMapping }, AssetDep in deps, consts, key strings",
    files: {
      "src/maps.ts": `${sdk}export const yesterday = TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 });`,
      "src/a.ts": `${sdk}import { yesterday } from "./maps";
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
export const orders = asset({ partitionsDef: daily }, () => 1);
export const byRegion = asset({ partitionsDef: regions }, () => 1);
export const rolling = asset({ partitionsDef: daily, ins: {
  y: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }),
  z: { asset: "byRegion", partitionMapping: AllPartitionMapping() },
  same: AssetIn(orders),
} }, ({ y }) => y);
export const after = asset({ partitionsDef: daily, deps: [AssetDep("orders", { partitionMapping: yesterday }), { asset: byRegion, partitionMapping: LastPartitionMapping() }] }, () => 1);
export const plainDown = asset({ ins: { orders } }, ({ orders }) => orders);`,
    },
    partitions: { orders: daily(), byRegion: regions, rolling: daily(), after: daily(), plainDown: undefined },
    mappings: {
      "orders -data-> rolling": yesterday,
      "byRegion -data-> rolling": { type: "all" },
      "orders -order-> after": yesterday,
      "byRegion -order-> after": { type: "last" },
    },
  },
];

describe("partitions the analyzer reads", () => {
  for (const testCase of cases)
    it(testCase.name, () => {
      const workspace = analyzeFiles(testCase.files);
      expect(workspace.codes()).toEqual([]);
      const graph = workspace.analyzer.graph();
      const nodes = new Map(graph.nodes.map((node) => [node.key, node]));
      for (const [key, expected] of Object.entries(testCase.partitions)) {
        const partitions = nodes.get(key)?.partitions;
        const { count: _count, ...written } = partitions ?? {};
        expect(partitions && written, key).toEqual(expected);
      }
      for (const node of graph.nodes)
        expect(node.backfillPolicy, node.key).toEqual(testCase.backfillPolicy?.[node.key]);
      const mappings = Object.fromEntries(
        graph.edges.filter((e) => e.mapping).map((e) => [`${e.from} -${e.kind}-> ${e.to}`, e.mapping]),
      );
      expect(mappings).toEqual(testCase.mappings ?? {});
    });

  it("counts each node's partitions at the analyzer's clock; none for dynamic keys, which only the store knows", () => {
    const workspace = analyzeFiles(
      {
        "src/a.ts": `${sdk}const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const regions = StaticPartitionsDefinition(["eu", "us", "apac"]);
export const days = asset({ partitionsDef: daily }, () => 1);
export const withToday = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01", endOffset: 1 }) }, () => 1);
export const firstHalf = asset({ partitionsDef: DailyPartitionsDefinition({ startDate: "2026-03-01", endDate: "2026-03-15" }) }, () => 1);
export const grid = asset({ partitionsDef: MultiPartitionsDefinition({ date: daily, region: regions }) }, () => 1);
export const byRegion = asset({ partitionsDef: regions }, () => 1);
export const customers = asset({ partitionsDef: DynamicPartitionsDefinition({ name: "customers" }) }, () => 1);`,
      },
      { now: () => new Date("2026-03-31T12:00:00Z") },
    );
    const counts = Object.fromEntries(workspace.analyzer.graph().nodes.map((n) => [n.key, n.partitions?.count]));
    // March 1 to 30 are complete on March 31 at noon; endOffset 1 adds the day in progress; endDate is exclusive.
    expect(counts).toEqual({ days: 30, withToday: 31, firstHalf: 14, grid: 90, byRegion: 3, customers: undefined });
  });

  it("follows an edit of the shared definition into every asset that uses it, and into graph --json", () => {
    const partitions = `${sdk}export const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });`;
    const workspace = analyzeFiles({
      "src/partitions.ts": partitions,
      "src/a.ts": `${sdk}import { daily } from "./partitions";\nexport const a = asset({ partitionsDef: daily }, () => 1);`,
    });
    expect(workspace.analyzer.graph().nodes[0]!.partitions).toMatchObject({ start: "2026-03-01" });
    workspace.analyzer.update(workspace.path("src/partitions.ts"), partitions.replace("03-01", "04-01"));
    expect(workspace.analyzer.graph().nodes[0]!.partitions).toMatchObject({ start: "2026-04-01" });
    const json = JSON.parse(JSON.stringify(workspace.analyzer.graph()));
    expect(json.nodes[0].partitions).toMatchObject({ type: "time-window", start: "2026-04-01", timezone: "UTC" });
  });
});
