/**
 * One tick of declarative automation, pure: every asset with a condition, upstream before downstream, each partition
 * decided with a reason in words; the state the next tick needs comes back as plain JSON.
 */
import type { Condition } from "./condition";
import { evaluateNode } from "./evaluateNode";
import type { AssetMemory, AutomationFacts, AutomationGraph, AutomationResult, AutomationState } from "./inputs";
import { type AssetInfo, Scope, type Tick, WHOLE } from "./scope";
import { assetsOf, tickOf, topologicalOrder } from "./tick";
import { reason } from "./words";

export interface AutomationEvaluation {
  results: AutomationResult[];
  state: AutomationState;
}

/**
 * Decides every asset that has a condition at `now`: `previous` is the state the last evaluation returned (undefined
 * on the first), `facts` what the store knows now. Throws only when a condition names an asset the graph lacks.
 */
export function evaluateAutomation(
  graph: AutomationGraph,
  conditions: Readonly<Record<string, Condition>>,
  facts: AutomationFacts,
  previous: AutomationState | undefined,
  now: Date,
): AutomationEvaluation {
  const assets = assetsOf(graph);
  for (const key of Object.keys(conditions))
    if (!assets.has(key)) throw new Error(`an automation condition names asset ${key}, which is not in the graph`);
  const tick = tickOf(graph, assets, facts, previous, now);
  const state: AutomationState = { evaluatedAt: now.getTime(), assets: {} };
  const results: AutomationResult[] = [];
  for (const asset of assets.values()) {
    const codeVersion = facts.codeVersion(asset.key);
    if (codeVersion !== undefined || conditions[asset.key] !== undefined)
      state.assets[asset.key] = {
        requested: [],
        since: {},
        newlyTrue: {},
        ...(codeVersion !== undefined && { codeVersion }),
      };
  }
  for (const key of topologicalOrder(assets)) {
    const condition = conditions[key];
    if (condition === undefined) continue;
    const asset = assets.get(key)!;
    results.push(...decide(condition, asset, tick, state.assets[key]!));
  }
  return { results, state };
}

/** One asset's results; a condition that cannot be evaluated (a bad selection) requests nothing and says why. */
function decide(condition: Condition, asset: AssetInfo, tick: Tick, memory: AssetMemory): AutomationResult[] {
  const previous = tick.previous?.assets[asset.key];
  const candidates = tick.partitionsOf(asset);
  const resultOf = (partition: string, willRun: boolean, why: string): AutomationResult =>
    partition === WHOLE
      ? { key: asset.key, willRun, reason: why }
      : { key: asset.key, partition, willRun, reason: why };
  try {
    const evaluated = evaluateNode(condition, new Scope(tick, asset, asset, previous, memory), candidates);
    tick.requested.set(asset.key, evaluated.trueSet);
    memory.requested = [...evaluated.trueSet];
    return [...candidates].map((partition) => {
      const willRun = evaluated.trueSet.has(partition);
      return resultOf(partition, willRun, reason(willRun, evaluated.words(partition, willRun)));
    });
  } catch (error) {
    Object.assign(memory, { since: previous?.since ?? {}, newlyTrue: previous?.newlyTrue ?? {} });
    return [resultOf(WHOLE, false, `not now: ${(error as Error).message}`)];
  }
}
