/**
 * Partitions definitions as asset code writes them (Dagster's names, camelCase options). Each constructor returns the
 * protocol's `PartitionsDefinitionData` with every default filled, frozen, with a brand that survives two copies of
 * the SDK. The literal `type`/`granularity` fields (and a multi definition's phantom dimensions) are what the typing
 * of `ins` reads to decide whether an upstream arrives as one value or as a map of partitions.
 *
 * Every check that needs no time-zone database runs here and throws naming the option: dates in the usual formats
 * (`partitions/civil.ts`, free of Luxon), offsets, time zones (Intl), static keys. Only a `fmt` with tokens beyond
 * `yyyy MM dd HH mm` needs Luxon to read its dates: `definitionProblem` checks those when the runtime builds the
 * repository (and the analyzer reports the same words without running anything).
 */
import type {
  DynamicPartitions,
  MultiPartitions,
  PartitionsDefinitionData,
  StaticPartitions,
  TimeGranularity,
  TimeWindowPartitions,
} from "../protocol/partitions";
import { isTimeZone, plainDatesProblem } from "../partitions/civil";
import { dynamicNameProblem, staticKeysProblem } from "../partitions/keyRules";

const PARTITIONS_BRAND = Symbol.for("assetline.partitionsDefinition");

/** A definition made by one of the constructors below; `D` is its data with literal types. */
export type PartitionsDefinition<D extends PartitionsDefinitionData = PartitionsDefinitionData> = Readonly<D> & {
  readonly [PARTITIONS_BRAND]: true;
};

export type TimeWindowPartitionsDefinition<G extends TimeGranularity = TimeGranularity> = PartitionsDefinition<
  TimeWindowPartitions & { granularity: G }
>;
export type DailyPartitionsDefinition = TimeWindowPartitionsDefinition<"daily">;
export type HourlyPartitionsDefinition = TimeWindowPartitionsDefinition<"hourly">;
export type WeeklyPartitionsDefinition = TimeWindowPartitionsDefinition<"weekly">;
export type MonthlyPartitionsDefinition = TimeWindowPartitionsDefinition<"monthly">;
export type StaticPartitionsDefinition = PartitionsDefinition<StaticPartitions>;
export type DynamicPartitionsDefinition = PartitionsDefinition<DynamicPartitions>;
/** A dimension of a multi definition: any single definition. */
export type SinglePartitionsDefinition =
  | TimeWindowPartitionsDefinition
  | StaticPartitionsDefinition
  | DynamicPartitionsDefinition;
/** Typing needs only its `type`: a multi upstream of a single downstream is read as a map (multi-to-single). */
export type MultiPartitionsDefinition = PartitionsDefinition<MultiPartitions>;

/** True for definitions made by any copy of the SDK. */
export function isPartitionsDefinition(value: unknown): value is PartitionsDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[PARTITIONS_BRAND] === true;
}

/** Freezes `data` with the brand as a hidden property: JSON and structural comparisons see only the protocol shape. */
function branded<D extends PartitionsDefinitionData>(data: D): PartitionsDefinition<D> {
  Object.defineProperty(data, PARTITIONS_BRAND, { value: true });
  return Object.freeze(data) as PartitionsDefinition<D>;
}

/** Options every time-window definition takes; the granularity's own constructor fills the rest. */
export interface TimeWindowOptions {
  /** The first partition's start, written in `fmt` (`"2026-03-01"` with the default format). */
  startDate: string;
  /** Exclusive end, in `fmt`; absent: partitions run up to now. */
  endDate?: string;
  /** An IANA time zone (`"Europe/Paris"`); `UTC` by default. */
  timezone?: string;
  /** Luxon format tokens for keys; `yyyy-MM-dd` (hourly: `yyyy-MM-dd-HH:mm`), as Dagster's `%Y-%m-%d` defaults. */
  fmt?: string;
  /** How many windows after the last complete one exist too: 1 includes the window in progress. Default 0. */
  endOffset?: number;
}

export interface HourlyOptions extends TimeWindowOptions {
  minuteOffset?: number;
}
export interface DailyOptions extends HourlyOptions {
  hourOffset?: number;
}
export interface WeeklyOptions extends DailyOptions {
  /** The weekday windows start on: 0 = Sunday (default) … 6 = Saturday, as in cron. */
  dayOffset?: number;
}
export interface MonthlyOptions extends DailyOptions {
  /** The day of the month windows start on: 1 (default) … 28. */
  dayOffset?: number;
}
export interface TimeWindowPartitionsOptions extends Omit<WeeklyOptions, "startDate"> {
  granularity: TimeGranularity;
  /** The first partition's start (Dagster's `start`), in `fmt`; `startDate` is accepted as an alias. */
  start?: string;
  startDate?: string;
}

const DEFAULT_FMT: Readonly<Record<TimeGranularity, string>> = {
  hourly: "yyyy-MM-dd-HH:mm",
  daily: "yyyy-MM-dd",
  weekly: "yyyy-MM-dd",
  monthly: "yyyy-MM-dd",
};

/** What a `dayOffset` may be per granularity, and its default. Hourly and daily windows have no day offset. */
const DAY_OFFSET: Readonly<Record<TimeGranularity, { min: number; max: number; default: number }>> = {
  hourly: { min: 0, max: 0, default: 0 },
  daily: { min: 0, max: 0, default: 0 },
  weekly: { min: 0, max: 6, default: 0 },
  // 28 at most: every month has the day (Dagster's cron `0 0 31 * *` would silently skip the shorter months).
  monthly: { min: 1, max: 28, default: 1 },
};

/** Dagster's TimeWindowPartitionsDefinition with a granularity instead of a cron schedule. */
export function TimeWindowPartitionsDefinition<const G extends TimeGranularity>(
  options: TimeWindowPartitionsOptions & { granularity: G },
): TimeWindowPartitionsDefinition<G> {
  const where = `${constructorName(options.granularity)}`;
  const option = (name: string) => `${where}: \`${name}\``;
  if (!(options.granularity in DEFAULT_FMT))
    throw new Error(`${where}: \`granularity\` must be "hourly", "daily", "weekly" or "monthly".`);
  const start = options.start ?? options.startDate;
  if (typeof start !== "string" || start.trim() === "")
    throw new Error(`${option("startDate")} is required: the first partition's start, like "2026-03-01".`);
  if (options.endDate !== undefined && typeof options.endDate !== "string")
    throw new Error(`${option("endDate")} must be a string in the definition's \`fmt\`, like "2026-04-01".`);
  const fmt = options.fmt ?? DEFAULT_FMT[options.granularity];
  if (fmt.includes("%"))
    throw new Error(
      `${option("fmt")} "${fmt}" uses strftime directives: write Luxon tokens instead ("yyyy-MM-dd" for "%Y-%m-%d", "HH:mm" for "%H:%M").`,
    );
  // Dates in the usual formats are checked here; one only Luxon reads is checked when the runtime loads the definitions.
  const dates = plainDatesProblem(fmt, start, options.endDate);
  if (dates) throw new Error(`${where}: ${dates}.`);
  const timezone = options.timezone ?? "UTC";
  if (!isTimeZone(timezone))
    throw new Error(
      `${option("timezone")} "${timezone}" is not an IANA time zone: use one like "Europe/Paris" or "UTC".`,
    );
  const days = DAY_OFFSET[options.granularity];
  const data: TimeWindowPartitions & { granularity: G } = {
    type: "time-window",
    granularity: options.granularity,
    start,
    ...(options.endDate !== undefined && { end: options.endDate }),
    timezone,
    fmt,
    minuteOffset: integerOption(options.minuteOffset, 0, 0, 59, option("minuteOffset")),
    hourOffset: integerOption(options.hourOffset, 0, 0, 23, option("hourOffset")),
    dayOffset: integerOption(options.dayOffset, days.default, days.min, days.max, option("dayOffset")),
    endOffset: integerOption(options.endOffset, 0, -Infinity, Infinity, option("endOffset")),
  };
  if (options.granularity === "hourly" && data.hourOffset !== 0)
    throw new Error(`${option("hourOffset")}: hourly partitions start every hour; only \`minuteOffset\` shifts them.`);
  return branded(data);
}

/** One partition per day from `startDate` (Dagster's DailyPartitionsDefinition). */
export function DailyPartitionsDefinition(options: DailyOptions): DailyPartitionsDefinition {
  return TimeWindowPartitionsDefinition({ ...withoutDayOffset(options, "daily"), granularity: "daily" });
}

/** One partition per hour from `startDate` (`"2026-03-01-00:00"` with the default `fmt`). */
export function HourlyPartitionsDefinition(options: HourlyOptions): HourlyPartitionsDefinition {
  return TimeWindowPartitionsDefinition({ ...withoutDayOffset(options, "hourly"), granularity: "hourly" });
}

/** One partition per week, starting on `dayOffset` (0 = Sunday, Dagster's default). */
export function WeeklyPartitionsDefinition(options: WeeklyOptions): WeeklyPartitionsDefinition {
  return TimeWindowPartitionsDefinition({ ...options, granularity: "weekly" });
}

/** One partition per month, starting on day `dayOffset` of the month (1 by default). */
export function MonthlyPartitionsDefinition(options: MonthlyOptions): MonthlyPartitionsDefinition {
  return TimeWindowPartitionsDefinition({ ...options, granularity: "monthly" });
}

/**
 * A fixed list of keys, in the order given. A key may not be empty or contain `|` (multi-partition keys join
 * dimensions with it), `,` (a list in `--partitions a,b`) or `...` (a range).
 */
export function StaticPartitionsDefinition(keys: readonly string[]): StaticPartitionsDefinition {
  if (!Array.isArray(keys))
    throw new Error('StaticPartitionsDefinition(keys): pass an array of partition keys, like ["eu", "us"].');
  const problem = staticKeysProblem(keys);
  if (problem) throw new Error(`StaticPartitionsDefinition: ${problem}.`);
  return branded({ type: "static", keys: [...keys] });
}

/** Keys added and removed at run time (`assetline partitions add NAME KEY…`), kept in the store under `name`. */
export function DynamicPartitionsDefinition(options: { name: string }): DynamicPartitionsDefinition {
  const problem = dynamicNameProblem(options?.name);
  if (problem) throw new Error(`DynamicPartitionsDefinition: ${problem}.`);
  return branded({ type: "dynamic", name: options.name });
}

/**
 * Two dimensions by name, as Dagster's MultiPartitionsDefinition: `{ date: daily, region: regions }`. Keys are
 * `2026-03-01|eu`: the dimensions' keys joined with `|`, dimensions sorted by name.
 */
export function MultiPartitionsDefinition(
  dimensions: Readonly<Record<string, SinglePartitionsDefinition>>,
): MultiPartitionsDefinition {
  const names = Object.keys(dimensions ?? {}).sort();
  if (names.length !== 2)
    throw new Error(
      `MultiPartitionsDefinition: give exactly two dimensions by name, like { date: daily, region: regions } (got ${names.length}).`,
    );
  for (const name of names) {
    const definition: unknown = dimensions[name];
    if (!isPartitionsDefinition(definition) || definition.type === "multi")
      throw new Error(
        `MultiPartitionsDefinition: the dimension "${name}" must be a time-window, static or dynamic partitions definition.`,
      );
    if (name === "" || name.includes("|"))
      throw new Error(`MultiPartitionsDefinition: the dimension name "${name}" cannot be empty or contain "|".`);
  }
  return branded({
    type: "multi",
    dimensions: names.map((name) => ({ name, definition: dimensions[name] as SinglePartitionsDefinition })),
  });
}

function constructorName(granularity: TimeGranularity): string {
  const names: Record<TimeGranularity, string> = {
    hourly: "HourlyPartitionsDefinition",
    daily: "DailyPartitionsDefinition",
    weekly: "WeeklyPartitionsDefinition",
    monthly: "MonthlyPartitionsDefinition",
  };
  return names[granularity] ?? "TimeWindowPartitionsDefinition";
}

/** Hourly and daily windows have no day offset: reject one given through an untyped call rather than ignore it. */
function withoutDayOffset<O extends HourlyOptions>(options: O, granularity: TimeGranularity): O {
  const { dayOffset } = options as { dayOffset?: unknown };
  if (dayOffset !== undefined && dayOffset !== 0)
    throw new Error(`${constructorName(granularity)}: \`dayOffset\` applies to weekly and monthly partitions only.`);
  return options;
}

function integerOption(value: number | undefined, fallback: number, min: number, max: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(
      `${what} must be an integer${Number.isFinite(min) ? ` from ${min} to ${max}` : ""} (got ${String(value)}).`,
    );
  return value;
}
