/**
 * Calendar arithmetic without a date object per key: local wall-clock times as plain fields, days as integers since
 * 1970-01-01, and a formatter/parser compiled once per `fmt`. Luxon handles what needs the time-zone database
 * (wall clock ↔ instant) and formats outside the fast path; keys of a 3-year daily definition never touch it.
 */
import { DateTime, FixedOffsetZone, IANAZone } from "luxon";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A wall-clock time in some zone. `month` 1–12. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of an epoch day (civil_from_days). */
export function civilDate(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday … 6 = Saturday, as cron counts. */
export function weekday(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Minutes since 1970-01-01 00:00 of a wall-clock time: orders local times without a zone. */
export function localStamp(time: LocalTime): number {
  return epochDay(time.year, time.month, time.day) * 1440 + time.hour * 60 + time.minute;
}

export function fromLocalStamp(stamp: number): LocalTime {
  const days = Math.floor(stamp / 1440);
  const minutes = stamp - days * 1440;
  return atTime(civilDate(days), Math.floor(minutes / 60), minutes % 60);
}

/** A date at a time of day, built field by field so every LocalTime shares one object shape (fast property reads). */
export function atTime(date: { year: number; month: number; day: number }, hour: number, minute: number): LocalTime {
  return { year: date.year, month: date.month, day: date.day, hour, minute };
}

/**
 * A zone's UTC offset in minutes at an instant. Offsets change a few times a year, so a run of instants within a day
 * of each other mostly shares one: `at` remembers the last day's bounds and asks the time-zone database only when an
 * instant falls outside a day whose two ends agree.
 */
export class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly fixed: boolean;
  private from = 0;
  private to = -1;
  private offset = 0;

  constructor(name: string) {
    this.zone = IANAZone.create(name);
    this.fixed = /^(UTC|Etc\/UTC|Etc\/GMT|GMT)$/.test(name);
  }

  at(instant: number): number {
    if (this.fixed) return 0;
    if (instant >= this.from && instant <= this.to) return this.offset;
    const offset = this.zone.offset(instant);
    const from = Math.floor(instant / DAY) * DAY;
    if (this.zone.offset(from) === offset && this.zone.offset(from + DAY) === offset) {
      this.from = from;
      this.to = from + DAY;
      this.offset = offset;
    }
    return offset;
  }

  /** The wall-clock time of an instant. */
  local(instant: number): LocalTime {
    return fromLocalStamp(Math.floor((instant + this.at(instant) * MINUTE) / MINUTE));
  }
}

/**
 * The instant of a wall-clock time in `zone`, as Dagster places a daily tick: a time repeated by a fall-back is its
 * second occurrence (Luxon's choice too), and a time skipped by a spring-forward is the transition itself (02:30 on
 * the day clocks jump from 02:00 to 03:00 is 03:00).
 */
export function instantOf(time: LocalTime, zone: string): number {
  const placed = DateTime.fromObject(time, { zone });
  if (placed.hour === time.hour && placed.minute === time.minute) return placed.toMillis();
  // Skipped: Luxon moved on by the gap; the transition is the first instant of the new offset before that.
  const tz = IANAZone.create(zone);
  const after = placed.toMillis();
  let low = after - (placed.offset - tz.offset(after - DAY)) * MINUTE;
  let high = after;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (tz.offset(middle) === placed.offset) high = middle;
    else low = middle;
  }
  return high;
}

/** The usual tokens, each with its field and a writer (property reads, not keyed lookups: this runs once per key). */
const FAST_TOKENS: Readonly<
  Record<string, { width: number; field: keyof LocalTime; write: (time: LocalTime) => string }>
> = {
  yyyy: { width: 4, field: "year", write: (time) => String(time.year).padStart(4, "0") },
  MM: { width: 2, field: "month", write: (time) => (time.month < 10 ? `0${time.month}` : String(time.month)) },
  dd: { width: 2, field: "day", write: (time) => (time.day < 10 ? `0${time.day}` : String(time.day)) },
  HH: { width: 2, field: "hour", write: (time) => (time.hour < 10 ? `0${time.hour}` : String(time.hour)) },
  mm: { width: 2, field: "minute", write: (time) => (time.minute < 10 ? `0${time.minute}` : String(time.minute)) },
};

/** Formats and parses one `fmt` (Luxon tokens) as partition keys. */
export interface KeyFormat {
  /** Whether the format writes the UTC offset (`ZZ`, Dagster's `%z`): then keys name instants, not wall-clock times. */
  readonly zoned: boolean;
  /** `offset` (minutes east of UTC) is written by a zoned format only. */
  format(time: LocalTime, offset?: number): string;
  /** The wall-clock time a key names (with its written offset, for a zoned format), or undefined if not in `fmt`. */
  parse(key: string): (LocalTime & { offset?: number }) | undefined;
}

const formats = new Map<string, KeyFormat>();

/**
 * `fmt` compiled: the usual tokens (`yyyy MM dd HH mm` and punctuation) by string padding and one regular expression;
 * anything else through Luxon. Fields a format lacks parse as the start of their period (day 1, 00:00).
 */
export function keyFormat(fmt: string): KeyFormat {
  let compiled = formats.get(fmt);
  if (!compiled) {
    compiled = fastFormat(fmt) ?? luxonFormat(fmt);
    formats.set(fmt, compiled);
  }
  return compiled;
}

function fastFormat(fmt: string): KeyFormat | undefined {
  const parts: (string | (typeof FAST_TOKENS)[string])[] = [];
  let rest = fmt;
  while (rest.length > 0) {
    const token = Object.keys(FAST_TOKENS).find((name) => rest.startsWith(name));
    if (token) {
      parts.push(FAST_TOKENS[token]!);
      rest = rest.slice(token.length);
    } else if (/^[A-Za-z']/.test(rest)) return undefined;
    else {
      parts.push(rest[0]!);
      rest = rest.slice(1);
    }
  }
  const fields = parts.filter((part) => typeof part !== "string");
  const pattern = new RegExp(
    `^${parts.map((part) => (typeof part === "string" ? part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : `(\\d{${part.width}})`)).join("")}$`,
  );
  const writers = parts.map((part) => (typeof part === "string" ? () => part : part.write));
  return {
    zoned: false,
    format: (time) => {
      let out = "";
      for (const write of writers) out += write(time);
      return out;
    },
    parse: (key) => {
      const match = pattern.exec(key);
      if (!match) return undefined;
      const time: LocalTime = { year: 1970, month: 1, day: 1, hour: 0, minute: 0 };
      fields.forEach((part, index) => {
        time[part.field] = Number(match[index + 1]);
      });
      return validTime(time) ? time : undefined;
    },
  };
}

function luxonFormat(fmt: string): KeyFormat {
  const zoned = /Z/.test(fmt.replace(/'[^']*'/g, ""));
  return {
    zoned,
    format: (time, offset = 0) => DateTime.fromObject(time, { zone: FixedOffsetZone.instance(offset) }).toFormat(fmt),
    parse: (key) => {
      const parsed = DateTime.fromFormat(key, fmt, { zone: "UTC", setZone: true });
      if (!parsed.isValid) return undefined;
      const time = atTime(parsed, parsed.hour, parsed.minute);
      return zoned ? { ...time, offset: parsed.offset } : time;
    },
  };
}

function validTime(time: LocalTime): boolean {
  if (time.month < 1 || time.month > 12 || time.day < 1 || time.hour > 23 || time.minute > 59) return false;
  const back = civilDate(epochDay(time.year, time.month, time.day));
  return back.month === time.month && back.day === time.day;
}
