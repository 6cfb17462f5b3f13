/**
 * Time-window partitions as Dagster computes them from a cron schedule: windows start at every tick (hour, day at
 * `hourOffset:minuteOffset`, week on `dayOffset`, month on day `dayOffset`) in the definition's zone; the first is the
 * first tick at or after `start`; the set ends with the last window ending by `end` (exclusive), or by now, then
 * `endOffset` more (a negative one drops windows). A window is numbered from 0 (the first); everything here maps
 * numbers ↔ keys ↔ instants with arithmetic, and asks the zone database only to place a wall-clock time in time.
 *
 * Days, weeks and months follow the wall clock: the day of a spring-forward is 23 hours long. Hours follow real time:
 * a skipped hour has no partition, and a repeated one has two, the second key suffixed with its UTC offset
 * (`2026-11-01-01:00-0500`), as Dagster's `dst_safe_strftime` writes it.
 */
import type { TimeWindowPartitions } from "../protocol/partitions";
import { ZoneOffsets, instantOf, keyFormat } from "./calendar";
import {
  HOUR,
  MINUTE,
  atTime,
  civilDate,
  epochDay,
  fromLocalStamp,
  localStamp,
  notADate,
  parseDateText,
  weekday,
  type KeyFormat,
  type LocalTime,
} from "./civil";

export interface TimeWindow {
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The windows of one definition, numbered from its first. Built once per definition (see `seriesOf`). */
export interface WindowSeries {
  readonly definition: TimeWindowPartitions;
  /** The key of window `index`. */
  keyAt(index: number): string;
  /** The window a key names (any window, in range or not), or undefined when the key is no window's. */
  indexOf(key: string): number | undefined;
  /** The instant window `index` starts; `startOf(index + 1)` is its end. */
  startOf(index: number): number;
  /** How many windows the definition has at `now`. */
  count(now: number): number;
  /** The window containing an instant (negative before the first). */
  indexAt(instant: number): number;
}

const cache = new WeakMap<TimeWindowPartitions, WindowSeries>();
/** Keys a series remembers at most (about 11 years of hours); past it, it starts over. */
const CACHE_LIMIT = 100_000;

export function seriesOf(definition: TimeWindowPartitions): WindowSeries {
  let series = cache.get(definition);
  if (!series) {
    series = definition.granularity === "hourly" ? new HourlySeries(definition) : new CalendarSeries(definition);
    cache.set(definition, series);
  }
  return series;
}

/**
 * The wall-clock time in the definition's zone that `text` names in its `fmt` (or, leniently, ISO `yyyy-MM-dd`);
 * undefined if none. A zoned format's offset places the time first.
 */
export function parseBoundary(definition: TimeWindowPartitions, text: string): LocalTime | undefined {
  const parsed = parseDateText(keyFormat(definition.fmt), text);
  if (parsed?.offset === undefined) return parsed;
  return new ZoneOffsets(definition.timezone).local((localStamp(parsed) - parsed.offset) * MINUTE);
}

/** `start`/`end` as wall-clock times; throws naming the option (definitionProblem reports the same first). */
function boundary(definition: TimeWindowPartitions, which: "start" | "end"): LocalTime | undefined {
  const text = definition[which];
  if (text === undefined) return undefined;
  const time = parseBoundary(definition, text);
  if (!time) throw new Error(datesProblem(definition)!);
  return time;
}

/** `start`/`end` as instants: exact when the format wrote an offset, else the wall-clock time placed in the zone. */
function boundaryInstant(definition: TimeWindowPartitions, which: "start" | "end"): number | undefined {
  const time = boundary(definition, which);
  if (time === undefined) return undefined;
  const parsed = keyFormat(definition.fmt).parse(definition[which]!);
  return parsed?.offset !== undefined
    ? (localStamp(parsed) - parsed.offset) * MINUTE
    : instantOf(time, definition.timezone);
}

/** Why `start` or `end` does not parse, or `end` is not after `start`; undefined when both are right. */
export function datesProblem(definition: TimeWindowPartitions): string | undefined {
  const format = keyFormat(definition.fmt);
  const start = parseBoundary(definition, definition.start);
  if (!start) return notADate("startDate", definition.start, definition.fmt, format);
  if (definition.end === undefined) return undefined;
  const end = parseBoundary(definition, definition.end);
  if (!end) return notADate("endDate", definition.end, definition.fmt, format);
  return localStamp(end) <= localStamp(start)
    ? `endDate "${definition.end}" is not after startDate "${definition.start}"`
    : undefined;
}

/** Shared by both kinds: the count rule (Dagster's get_partition_keys) over `indexAt` and `startOf`. */
abstract class BaseSeries implements WindowSeries {
  protected readonly format: KeyFormat;
  protected readonly offsets: ZoneOffsets;
  /** Windows ending by `end`, when the definition has one; set by `bound` once the subclass can place instants. */
  private bounded: number | undefined;

  constructor(readonly definition: TimeWindowPartitions) {
    this.format = keyFormat(definition.fmt);
    this.offsets = new ZoneOffsets(definition.timezone);
  }

  protected bound(): void {
    const end = boundaryInstant(this.definition, "end");
    // Windows ending at or before `end`: those before the window containing it.
    if (end !== undefined) this.bounded = Math.max(0, this.indexAt(end));
  }

  /** Keys by index and indexes by key, remembered: plans and statuses ask the same few thousand again and again. */
  private readonly keys = new Map<number, string>();
  private readonly indexes = new Map<string, number | undefined>();

  keyAt(index: number): string {
    let key = this.keys.get(index);
    if (key === undefined) {
      if (this.keys.size >= CACHE_LIMIT) this.keys.clear();
      key = this.writeKey(index);
      this.keys.set(index, key);
    }
    return key;
  }

  indexOf(key: string): number | undefined {
    if (this.indexes.has(key)) return this.indexes.get(key);
    if (this.indexes.size >= CACHE_LIMIT) this.indexes.clear();
    const index = this.readKey(key);
    this.indexes.set(key, index);
    return index;
  }

  protected abstract writeKey(index: number): string;
  protected abstract readKey(key: string): number | undefined;
  abstract startOf(index: number): number;
  abstract indexAt(instant: number): number;

  /** The last count asked: a plan asks it for every key at one clock. */
  private counted = { now: Number.NaN, count: 0 };

  count(now: number): number {
    if (now !== this.counted.now) this.counted = { now, count: this.countAt(now) };
    return this.counted.count;
  }

  private countAt(now: number): number {
    // Complete windows at `now` (ending at or before it), then `endOffset` more, never past `end`.
    const complete = Math.max(0, this.indexAt(now));
    const extended = complete + Math.max(0, this.definition.endOffset);
    const capped = this.bounded === undefined ? extended : Math.min(extended, this.bounded);
    return Math.max(0, capped + Math.min(0, this.definition.endOffset));
  }
}

/** Days, weeks and months: window `index` starts at a wall-clock time computed from the first one's. */
class CalendarSeries extends BaseSeries {
  /** The first window's unit number: its epoch day (daily, weekly) or month number `year * 12 + month - 1`. */
  private readonly first: number;
  private readonly step: number;
  private readonly monthly: boolean;
  private readonly minutes: number;

  constructor(definition: TimeWindowPartitions) {
    super(definition);
    const { granularity, hourOffset, minuteOffset, dayOffset } = definition;
    this.monthly = granularity === "monthly";
    this.step = granularity === "weekly" ? 7 : 1;
    this.minutes = hourOffset * 60 + minuteOffset;
    const start = boundary(definition, "start")!;
    const startStamp = localStamp(start);
    // The first tick at or after `start`.
    if (this.monthly) {
      let month = start.year * 12 + start.month - 1;
      if (this.stampOfUnit(month) < startStamp) month += 1;
      this.first = month;
    } else {
      let day = epochDay(start.year, start.month, start.day);
      if (granularity === "weekly") day += (dayOffset - weekday(day) + 7) % 7;
      if (this.stampOfUnit(day) < startStamp) day += this.step;
      this.first = day;
    }
    this.bound();
  }

  /** The local stamp (minutes) of the tick in unit `unit` (a day or a month number). */
  private stampOfUnit(unit: number): number {
    const days = this.monthly ? epochDay(Math.floor(unit / 12), (unit % 12) + 1, this.definition.dayOffset) : unit;
    return days * 1440 + this.minutes;
  }

  private localAt(index: number): LocalTime {
    const unit = this.first + index * this.step;
    if (!this.monthly) return atTime(civilDate(unit), this.definition.hourOffset, this.definition.minuteOffset);
    return {
      year: Math.floor(unit / 12),
      month: (unit % 12) + 1,
      day: this.definition.dayOffset,
      hour: this.definition.hourOffset,
      minute: this.definition.minuteOffset,
    };
  }

  protected writeKey(index: number): string {
    const time = this.localAt(index);
    return this.format.zoned
      ? this.format.format(time, this.offsets.at(this.startOf(index)))
      : this.format.format(time);
  }

  protected readKey(key: string): number | undefined {
    const time = this.format.parse(key);
    if (!time) return undefined;
    // The key's day (or month) is its window's; the times a format may also write are checked by writing it back.
    const unit = this.monthly ? time.year * 12 + time.month - 1 : epochDay(time.year, time.month, time.day);
    if ((unit - this.first) % this.step !== 0) return undefined;
    const index = (unit - this.first) / this.step;
    return this.keyAt(index) === key ? index : undefined;
  }

  /** The window whose nominal start is the last at or before a local stamp. */
  private indexOfLocal(stamp: number): number {
    if (this.monthly) {
      const time = fromLocalStamp(stamp);
      let month = time.year * 12 + time.month - 1;
      if (this.stampOfUnit(month) > stamp) month -= 1;
      return month - this.first;
    }
    const units = Math.floor((stamp - this.stampOfUnit(this.first)) / (1440 * this.step));
    return units;
  }

  startOf(index: number): number {
    return instantOf(this.localAt(index), this.definition.timezone);
  }

  indexAt(instant: number): number {
    // The wall clock gives the window up to a DST hour; the instants settle it.
    const local = this.offsets.local(instant);
    let index = this.indexOfLocal(localStamp(local));
    while (this.startOf(index + 1) <= instant) index += 1;
    while (this.startOf(index) > instant) index -= 1;
    return index;
  }
}

/** Hours: real-time steps of one hour from the first tick; keys are the wall-clock times of those instants. */
class HourlySeries extends BaseSeries {
  private readonly first: number;
  private readonly suffix: boolean;

  constructor(definition: TimeWindowPartitions) {
    super(definition);
    // A format that writes the offset itself needs no suffix on a repeated hour.
    this.suffix = !this.format.zoned;
    const start = boundaryInstant(definition, "start")!;
    // The first instant at or after `start` whose wall clock shows `minuteOffset`.
    const minute = this.offsets.local(start).minute;
    let first = start - (start % MINUTE) + ((definition.minuteOffset - minute + 60) % 60) * MINUTE;
    if (first < start) first += HOUR;
    this.first = first;
    this.bound();
  }

  protected writeKey(index: number): string {
    const instant = this.startOf(index);
    const offset = this.offsets.at(instant);
    const key = this.format.format(this.offsets.local(instant), offset);
    // The second of two equal wall-clock hours (a fall-back) carries its offset, as Dagster's %z: -0500.
    if (this.suffix && this.offsets.at(instant - HOUR) > offset) return key + offsetSuffix(offset);
    return key;
  }

  protected readKey(key: string): number | undefined {
    const plain = this.format.parse(key);
    if (plain?.offset !== undefined) return this.checked(key, (localStamp(plain) - plain.offset) * MINUTE);
    // A repeated hour's first occurrence is an hour before the instant a wall-clock time is placed at (its second).
    if (plain) {
      const instant = instantOf(plain, this.definition.timezone);
      return this.checked(key, instant - HOUR) ?? this.checked(key, instant);
    }
    // The second of a repeated hour: the wall-clock time, then its offset (`-0500`).
    const suffix = this.suffix ? /([+-])(\d{2})(\d{2})$/.exec(key) : null;
    const time = suffix ? this.format.parse(key.slice(0, -5)) : undefined;
    if (!suffix || !time) return undefined;
    const offset = (suffix[1] === "-" ? -1 : 1) * (Number(suffix[2]) * 60 + Number(suffix[3]));
    return this.checked(key, (localStamp(time) - offset) * MINUTE);
  }

  /** The window starting at `instant`, if `key` is exactly how that window is written. */
  private checked(key: string, instant: number): number | undefined {
    const index = Math.floor((instant - this.first) / HOUR);
    return this.keyAt(index) === key ? index : undefined;
  }

  startOf(index: number): number {
    return this.first + index * HOUR;
  }

  indexAt(instant: number): number {
    return Math.floor((instant - this.first) / HOUR);
  }
}

function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}${String(abs % 60).padStart(2, "0")}`;
}

/** Keys of windows `from` (inclusive) to `to` (exclusive). */
export function keysBetween(series: WindowSeries, from: number, to: number): string[] {
  const keys = new Array<string>(Math.max(0, to - from));
  for (let index = from; index < to; index += 1) keys[index - from] = series.keyAt(index);
  return keys;
}

export function windowAt(series: WindowSeries, index: number): TimeWindow {
  return { start: new Date(series.startOf(index)), end: new Date(series.startOf(index + 1)) };
}
