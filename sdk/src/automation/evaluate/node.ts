/** What evaluating one condition node gives: the partitions it holds for, and its words for any partition. */
import type { Condition } from "./condition";
import type { Scope } from "./scope";
import type { Words } from "./words";

export interface Evaluated {
  /** The candidate partitions the node is true for. */
  trueSet: ReadonlySet<string>;
  /** Why the node is `value` for a candidate partition (computed only for the reasons asked). */
  words(partition: string, value: boolean): Words;
  /** As a `since` reset: the event that reset it ("the last request"). */
  event?(partition: string): string | undefined;
  /** As a `since` trigger that has not fired: what did not happen ("upstream orders has not updated"). */
  never?(partition: string): Words;
}

export type Evaluate = (condition: Condition, scope: Scope, candidates: ReadonlySet<string>) => Evaluated;

export const NONE: ReadonlySet<string> = new Set();

/** Words are asked only of candidates: a node with none answers without reading a fact. */
export const NOTHING: Evaluated = { trueSet: NONE, words: () => ({ predicate: "no partition to evaluate" }) };

/** The candidates that pass `test`; no new set for an unpartitioned asset's one candidate. */
export function keep(candidates: ReadonlySet<string>, test: (partition: string) => boolean): ReadonlySet<string> {
  if (candidates.size <= 1) {
    for (const partition of candidates) return test(partition) ? candidates : NONE;
    return NONE;
  }
  const kept = new Set<string>();
  for (const partition of candidates) if (test(partition)) kept.add(partition);
  return kept;
}

const never = () => false;

/** Membership in a stored list of partitions, without building a set for the short lists most assets have. */
export function memberOf(list: readonly string[] | undefined): (partition: string) => boolean {
  if (list === undefined || list.length === 0) return never;
  if (list.length <= 16) return (partition) => list.includes(partition);
  const set = new Set(list);
  return (partition) => set.has(partition);
}
