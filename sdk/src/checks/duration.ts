/**
 * Durations as freshness policies write them: whole numbers with a unit (`ms`, `s`, `m`, `h`, `d`, `w`), one or more,
 * largest first or not (`"24h"`, `"90m"`, `"1d 6h"`). Pure: the define API, the analyzer and `status` read them alike,
 * so a duration the editor accepts is one the run accepts.
 */
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const PART = /(\d+)\s*(ms|s|m|h|d|w)(?![a-z])/y;

export type DurationRead = { ms: number } | { problem: string; offset: number };

/** `offset`: where in `text` the problem is, so the analyzer can point at the column. */
export function parseDuration(text: string): DurationRead {
  let ms = 0;
  let at = text.search(/\S/);
  if (at < 0) return { problem: 'a duration cannot be empty: write one like "24h", "90m" or "1d 6h"', offset: 0 };
  while (at < text.length) {
    PART.lastIndex = at;
    const part = PART.exec(text);
    if (!part)
      return {
        problem: `"${text}" is not a duration at "${text.slice(at)}": write whole numbers with a unit (ms, s, m, h, d, w), as "24h" or "1d 6h"`,
        offset: at,
      };
    ms += Number(part[1]) * UNIT_MS[part[2] as keyof typeof UNIT_MS];
    at = PART.lastIndex;
    while (text[at] === " ") at++;
  }
  if (ms === 0) return { problem: `"${text}" is zero: a maximum lag must be longer than that`, offset: 0 };
  return { ms };
}
