/**
 * The words a result's reason is made of. Every node explains its answer for one partition as a clause (subject,
 * predicate, an optional "since …"); `and` explains false with its first false operand and true with its telling
 * operands joined, `or` true with its first true operand, `not` flips, dep conditions speak of the upstream. A
 * reason decided by an upstream says "waits", one decided by the asset itself "not now".
 */
import type { StoredWords } from "./inputs";

export interface Words extends StoredWords {
  /** Adds nothing to a true `and` (`not …`, "in the latest time window"): left out unless nothing else speaks. */
  quiet?: boolean;
}

export function sentence(words: Words, sinceSaid?: string): string {
  const clause = words.subject ? `${words.subject} ${words.predicate}` : words.predicate;
  if (words.since === undefined) return clause;
  return words.since === sinceSaid ? `${clause} since` : `${clause} since ${words.since}`;
}

/** A true `and`: its telling operands in order, a repeated event said once ("the 06:00 tick passed and … since"). */
export function joinTrue(parts: readonly Words[]): Words {
  const telling = parts.filter((words) => !words.quiet);
  if (telling.length === 0) return parts[0] ?? { predicate: "every condition holds" };
  if (telling.length === 1) return telling[0]!;
  let anchor: string | undefined;
  const clauses = telling.map((words) => {
    const clause = sentence(words, anchor);
    anchor = words.anchor ?? anchor;
    return clause;
  });
  return { predicate: clauses.join(" and "), upstream: telling.some((words) => words.upstream) };
}

/** The result's reason: "will run: …", or "waits: …" / "not now: …" by who decided. */
export function reason(willRun: boolean, words: Words): string {
  const prefix = willRun ? "will run" : words.upstream ? "waits" : "not now";
  return `${prefix}: ${sentence(words)}`;
}

/** Stored words carry only what the next tick renders, and nothing JSON would drop. */
export function storable(words: Words): StoredWords {
  const kept: StoredWords = { predicate: words.predicate };
  if (words.subject !== undefined) kept.subject = words.subject;
  if (words.since !== undefined) kept.since = words.since;
  if (words.anchor !== undefined) kept.anchor = words.anchor;
  if (words.update) kept.update = true;
  if (words.upstream) kept.upstream = true;
  return kept;
}

const tickFormats = new Map<string, Intl.DateTimeFormat>();

/** "the 06:00 tick": a tick's wall-clock time in the cron's zone. */
export function tickName(tick: number, timezone: string): string {
  let format = tickFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone: timezone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    tickFormats.set(timezone, format);
  }
  return `the ${format.format(tick)} tick`;
}
