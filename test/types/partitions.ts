/**
 * Compiled by `npm run typecheck`, never run: the shape of an upstream's value in `ins` follows its partition
 * mapping's kind. One-to-one mappings give `T`, many mappings `ReadonlyMap<string, T>`; each `@ts-expect-error` must
 * meet a real type error.
 */
import {
  AllPartitionMapping,
  AssetDep,
  AssetIn,
  AssetSpec,
  DailyPartitionsDefinition,
  HourlyPartitionsDefinition,
  LastPartitionMapping,
  MonthlyPartitionsDefinition,
  MultiPartitionsDefinition,
  SpecificPartitionsPartitionMapping,
  StaticPartitionMapping,
  StaticPartitionsDefinition,
  TimeWindowPartitionMapping,
  asset,
  multiAsset,
} from "assetline";

type Order = { id: number; amount: number };
const daily = DailyPartitionsDefinition({ startDate: "2026-03-01" });
const monthly = MonthlyPartitionsDefinition({ startDate: "2026-03-01" });
const hourly = HourlyPartitionsDefinition({ startDate: "2026-03-01-00:00" });
const regions = StaticPartitionsDefinition(["eu", "us"]);
const countries = StaticPartitionsDefinition(["fr", "us"]);
const byDayAndRegion = MultiPartitionsDefinition({ date: daily, region: regions });

const orders = asset({ partitionsDef: daily }, (): Order[] => []);
const settings = asset(() => ({ currency: "EUR" }));
const events = asset({ partitionsDef: hourly }, () => 1);
const sales = asset({ partitionsDef: regions }, () => 10);
const regional = asset({ partitionsDef: byDayAndRegion }, () => "row");

// Same definition, default mapping (identity): one value.
export const cleaned = asset({ partitionsDef: daily, ins: { orders } }, ({ orders }) => {
  const rows: Order[] = orders;
  // @ts-expect-error one partition's value, not a map of them
  orders.get("2026-03-01");
  return rows;
});

// An unpartitioned upstream of a partitioned asset: its one value.
export const converted = asset({ partitionsDef: daily, ins: { settings } }, ({ settings }) => settings.currency);

// Days into a month, hours into a day, partitions into an unpartitioned asset: a map from key to value.
export const monthlyRevenue = asset({ partitionsDef: monthly, ins: { orders } }, ({ orders }) => {
  const byDay: ReadonlyMap<string, Order[]> = orders;
  // @ts-expect-error a month reads a map of days, not one day's rows
  orders.map((order) => order.amount);
  return [...byDay.values()].flat().length;
});
export const dailyEvents = asset({ partitionsDef: daily, ins: { events } }, ({ events }) => events.size);
export const allOrders = asset({ ins: { orders } }, ({ orders }) => [...orders.keys()]);

// A month into its days: one value.
export const dayOfMonth = asset({ partitionsDef: daily, ins: { monthlyRevenue } }, ({ monthlyRevenue }) => {
  const total: number = monthlyRevenue;
  return total;
});

// Explicit mappings: offsets equal → one window; a range → a map; `allowNonexistentUpstreamPartitions` → maybe none.
export const compared = asset(
  {
    partitionsDef: daily,
    ins: {
      today: orders,
      yesterday: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -1, endOffset: -1 }) }),
      lastWeek: AssetIn(orders, { partitionMapping: TimeWindowPartitionMapping({ startOffset: -7 }) }),
      firstDayToo: {
        asset: orders,
        partitionMapping: TimeWindowPartitionMapping({
          startOffset: -1,
          endOffset: -1,
          allowNonexistentUpstreamPartitions: true,
        }),
      },
    },
  },
  ({ today, yesterday, lastWeek, firstDayToo }) => {
    const rows: Order[] = [...today, ...yesterday];
    const week: ReadonlyMap<string, Order[]> = lastWeek;
    // @ts-expect-error the day before the first day does not exist: the value may be undefined
    firstDayToo.length;
    return rows.length + week.size + (firstDayToo?.length ?? 0);
  },
);

export const mapped = asset(
  {
    partitionsDef: countries,
    ins: {
      everything: AssetIn(sales, { partitionMapping: AllPartitionMapping() }),
      latest: AssetIn(orders, { partitionMapping: LastPartitionMapping() }),
      byCountry: AssetIn(sales, { partitionMapping: StaticPartitionMapping({ eu: "fr", us: "us" }) }),
      europe: AssetIn(sales, { partitionMapping: SpecificPartitionsPartitionMapping(["eu"]) }),
    },
    deps: [AssetDep(orders, { partitionMapping: LastPartitionMapping() })],
  },
  ({ everything, latest, byCountry, europe }) => {
    const all: ReadonlyMap<string, number> = everything;
    const last: Order[] = latest;
    const countryValues: ReadonlyMap<string, number> = byCountry;
    const listed: ReadonlyMap<string, number> = europe;
    return all.size + last.length + countryValues.size + listed.size;
  },
);

// Multi to single: a day reads every region of it; a multi partition reads its one day.
export const dayTotals = asset({ partitionsDef: daily, ins: { regional } }, ({ regional }) => {
  const rows: ReadonlyMap<string, string> = regional;
  return rows.size;
});
export const perRegion = asset({ partitionsDef: byDayAndRegion, ins: { orders } }, ({ orders }) => {
  const rows: Order[] = orders;
  return rows.length;
});

// The same rule in a multi-asset; a partitioned external asset keeps its definition.
const external = AssetSpec("vendor/feed", { partitionsDef: daily });
export const split = multiAsset(
  { specs: [AssetSpec("left"), AssetSpec("right")], partitionsDef: monthly, ins: { orders, external } },
  function* ({ orders, external }) {
    const days: ReadonlyMap<string, Order[]> = orders;
    const feed: ReadonlyMap<string, unknown> = external;
    yield* [days.size, feed.size].map(() => {
      throw new Error("never run");
    });
  },
);

// @ts-expect-error partitionsDef takes a definition, not a granularity's name
asset({ partitionsDef: "daily" }, () => 0);

// @ts-expect-error backfillPolicy is "single-run" or "multi-run"
asset({ partitionsDef: daily, backfillPolicy: "parallel" }, () => 0);

// @ts-expect-error AssetIn takes an asset or a key string
asset({ ins: { bad: AssetIn(42) } }, () => 0);

// @ts-expect-error offsets are numbers of periods
TimeWindowPartitionMapping({ startOffset: "-1" });

// @ts-expect-error startDate is a string in the definition's format
DailyPartitionsDefinition({ startDate: new Date() });

// @ts-expect-error daily partitions have no day offset (weekly and monthly ones do)
DailyPartitionsDefinition({ startDate: "2026-03-01", dayOffset: 1 });

// @ts-expect-error a partitionMapping comes from a mapping constructor
asset({ partitionsDef: daily, ins: { x: AssetIn(orders, { partitionMapping: daily }) } }, () => 0);
