/**
 * `since` and `newlyTrue`: the nodes that remember. Their state lives in the decided asset's memory under the node's
 * path and a fingerprint of the node, so the same condition twice in one condition never shares it, and an edited
 * node starts afresh (as Dagster keys a node's cursor by its unique id).
 */
import type { Condition } from "./condition";
import type { SinceMemory } from "./inputs";
import { type Evaluate, type Evaluated, keep, memberOf } from "./node";
import { isOwn, type Scope } from "./scope";
import { storable, type Words } from "./words";

type Of<T extends Condition["type"]> = Extract<Condition, { type: T }>;

/**
 * True once the trigger was true at a tick since the reset last was; a reset at the same tick as the trigger wins,
 * as in Dagster. The memory keeps the trigger's words (why it is true) or the reset's event (since when it is not).
 */
export function evaluateSince(
  condition: Of<"since">,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const key = memoryKey(scope, "since", condition);
  const trigger = evaluate(condition.trigger, scope.child(0), candidates);
  const reset = evaluate(condition.reset, scope.child(1), candidates);
  // Copied on the first write: a quiet asset hands its previous memory on as it was.
  const before = scope.previous?.since[key];
  let memory = before;
  const remember = (partition: string, kept: SinceMemory) => {
    if (memory === before) memory = { ...before };
    memory![partition] = kept;
  };
  for (const partition of candidates) {
    if (reset.trueSet.has(partition)) {
      const event = reset.event?.(partition) ?? condition.reset.label ?? "the reset condition";
      remember(partition, { on: false, reset: event });
    } else if (trigger.trueSet.has(partition)) {
      const { reset: earlier } = memory?.[partition] ?? {};
      remember(partition, {
        on: true,
        trigger: storable(trigger.words(partition, true)),
        ...(earlier && { reset: earlier }),
      });
    }
  }
  if (memory !== undefined) scope.next.since[key] = memory;
  const nothing = (): Words => ({ predicate: "nothing changed", upstream: !isOwn(scope) });
  return {
    trueSet: keep(candidates, (partition) => memory?.[partition]?.on === true),
    words: (partition, value) => {
      const remembered = memory?.[partition];
      if (value) {
        const fired = remembered?.trigger ?? { predicate: "its trigger fired" };
        // "was updated" says since when: the reset before it ("since this asset's last materialization").
        return fired.update && fired.since === undefined ? { ...fired, since: remembered?.reset } : fired;
      }
      const missed = trigger.never?.(partition) ?? nothing();
      return remembered?.reset === undefined
        ? { ...missed, predicate: `${missed.predicate} yet` }
        : { ...missed, since: remembered.reset };
    },
  };
}

/** True where the operand is true now and was not at the previous evaluation; the operand sees every partition. */
export function evaluateNewlyTrue(
  operand: Condition,
  scope: Scope,
  candidates: ReadonlySet<string>,
  evaluate: Evaluate,
): Evaluated {
  const key = memoryKey(scope, "newlyTrue", operand);
  const now = evaluate(operand, scope.child(0), scope.tick.partitionsOf(scope.asset));
  const before = memberOf(scope.previous?.newlyTrue[key]);
  // An empty list is left out: absent reads as "true nowhere", as on the first evaluation.
  if (now.trueSet.size > 0) scope.next.newlyTrue[key] = [...now.trueSet];
  return {
    trueSet: keep(candidates, (partition) => now.trueSet.has(partition) && !before(partition)),
    words: (partition, value) => {
      if (value || !now.trueSet.has(partition)) return now.words(partition, value);
      const already = now.words(partition, true);
      return { ...already, predicate: `${already.predicate}, as at the previous evaluation` };
    },
  };
}

const fingerprints = new WeakMap<Condition, string>();

/** `0.1:since:5f3a9c21`: the node's path, its type and a hash of the node (of the operand for `newlyTrue`). */
function memoryKey(scope: Scope, kind: "since" | "newlyTrue", node: Condition): string {
  let fingerprint = fingerprints.get(node);
  if (fingerprint === undefined) {
    fingerprint = fnv1a(JSON.stringify(node));
    fingerprints.set(node, fingerprint);
  }
  return `${scope.path}:${kind}:${fingerprint}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}
