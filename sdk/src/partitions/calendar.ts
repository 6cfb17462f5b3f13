/**
 * The calendar work that needs the time-zone database (Luxon): an instant's wall-clock time and back, and key formats
 * beyond the usual tokens. Keys of a 3-year daily definition never reach Luxon (see civil.ts).
 */
import { DateTime, FixedOffsetZone, IANAZone } from "luxon";
import { DAY, MINUTE, atTime, fromLocalStamp, plainKeyFormat, type KeyFormat, type LocalTime } from "./civil";

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

const formats = new Map<string, KeyFormat>();

/**
 * `fmt` compiled: the usual tokens (`yyyy MM dd HH mm` and punctuation) by string padding and one regular expression;
 * anything else through Luxon. Fields a format lacks parse as the start of their period (day 1, 00:00).
 */
export function keyFormat(fmt: string): KeyFormat {
  let compiled = formats.get(fmt);
  if (!compiled) {
    compiled = plainKeyFormat(fmt) ?? luxonFormat(fmt);
    formats.set(fmt, compiled);
  }
  return compiled;
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
