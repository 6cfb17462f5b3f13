/**
 * Calendar arithmetic with no time-zone database: wall-clock times as plain fields, days as integers since
 * 1970-01-01, and the usual key formats (`yyyy MM dd HH mm` and punctuation) compiled to string padding and one
 * regular expression. Free of Luxon, so the light define API checks dates with it at definition time.
 */
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

/** `fmt` compiled without Luxon, or undefined when it uses other tokens (then `keyFormat` in calendar.ts uses Luxon). */
export function plainKeyFormat(fmt: string): KeyFormat | undefined {
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

function validTime(time: LocalTime): boolean {
  if (time.month < 1 || time.month > 12 || time.day < 1 || time.hour > 23 || time.minute > 59) return false;
  const back = civilDate(epochDay(time.year, time.month, time.day));
  return back.month === time.month && back.day === time.day;
}

/**
 * The wall-clock time a `startDate`/`endDate` names: in `fmt`, or leniently as an ISO date (`2026-03-01` for an hourly
 * definition's midnight). `format` is `fmt` compiled; undefined when the text is neither.
 */
export function parseDateText(format: KeyFormat, text: string): (LocalTime & { offset?: number }) | undefined {
  return format.parse(text) ?? plainKeyFormat("yyyy-MM-dd")!.parse(text);
}

/** The one wording for a start or end that does not parse, wherever it is found. */
export function notADate(option: "startDate" | "endDate", text: string, fmt: string, format: KeyFormat): string {
  return `${option} "${text}" is not a date in the format "${fmt}" (like "${format.format({ year: 2026, month: 3, day: 1, hour: 0, minute: 0 })}")`;
}

/**
 * What is wrong with a definition's dates when its `fmt` needs no Luxon (the define API checks at definition time);
 * undefined when they are right or only Luxon can read the format (the runtime checks those when it loads).
 */
export function plainDatesProblem(fmt: string, start: string, end: string | undefined): string | undefined {
  const format = plainKeyFormat(fmt);
  if (!format) return undefined;
  const first = parseDateText(format, start);
  if (!first) return notADate("startDate", start, fmt, format);
  if (end === undefined) return undefined;
  const last = parseDateText(format, end);
  if (!last) return notADate("endDate", end, fmt, format);
  return localStamp(last) <= localStamp(first) ? `endDate "${end}" is not after startDate "${start}"` : undefined;
}

/** Whether the runtime's Intl knows `zone` as an IANA time zone (the one zone database Luxon uses too). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
