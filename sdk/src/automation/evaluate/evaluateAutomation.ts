/**
 * One tick of declarative automation, pure: every asset with a condition, upstream before downstream, each partition
 * decided with a reason in words; the state the next tick needs comes back as plain JSON.
 */
import { partitionKeys } from "../../partitions";
import { parseSelection, selectAssets } from "../../selection";
import { previousTick } from "../../checks/cron";
import type { Condition } from "./condition";
import { evaluateNode } from "./evaluateNode";
import { memberOf } from "./node";
import type { AssetMemory, AutomationFacts, AutomationGraph, AutomationResult, AutomationState } from "./inputs";
import { type AssetInfo, Scope, type Tick, WHOLE } from "./scope";
import { reason } from "./words";

export interface AutomationEvaluation {
  results: AutomationResult[];
  state: AutomationState;
}

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

function assetsOf(graph: AutomationGraph): Map<string, AssetInfo> {
  const assets = new Map<string, AssetInfo>();
  for (const node of graph.nodes)
    if (!assets.has(node.key)) assets.set(node.key, { key: node.key, partitions: node.partitions, deps: [] });
  for (const edge of graph.edges) assets.get(edge.to)?.deps.push({ key: edge.from, mapping: edge.mapping });
  return assets;
}

function tickOf(
  graph: AutomationGraph,
  assets: ReadonlyMap<string, AssetInfo>,
  facts: AutomationFacts,
  previous: AutomationState | undefined,
  now: Date,
): Tick {
  const partitionContext = { now, dynamicKeys: (name: string) => facts.dynamicKeys(name) };
  const selections = new Map<string, ReadonlySet<string>>();
  const partitions = new Map<AssetInfo, ReadonlySet<string>>();
  const ticks = new Map<string, number | undefined>();
  const whole: ReadonlySet<string> = new Set([WHOLE]);
  return {
    now: now.getTime(),
    facts,
    previous,
    assets,
    partitionContext,
    requested: new Map(),
    select(selection) {
      let selected = selections.get(selection);
      if (!selected) {
        const parsed = parseSelection(selection);
        if (!parsed.ok) throw new Error(`the dep selection "${selection}" does not parse: ${parsed.error.message}`);
        selected = selectAssets(parsed.expr, graph);
        selections.set(selection, selected);
      }
      return selected;
    },
    partitionsOf(asset) {
      if (!asset.partitions) return whole;
      let keys = partitions.get(asset);
      if (!keys) {
        keys = new Set(partitionKeys(asset.partitions, partitionContext));
        partitions.set(asset, keys);
      }
      return keys;
    },
    previouslyRequested: (key) => memberOf(previous?.assets[key]?.requested),
    latestTick(cron, timezone) {
      const key = `${cron}\n${timezone}`;
      if (!ticks.has(key)) ticks.set(key, previousTick(cron, timezone, now.getTime()));
      return ticks.get(key);
    },
  };
}

/** Upstream first (Kahn's order, in graph order among equals); assets on a cycle come last, in graph order. */
function topologicalOrder(assets: ReadonlyMap<string, AssetInfo>): string[] {
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const asset of assets.values()) {
    const deps = asset.deps.filter((dep) => assets.has(dep.key));
    waiting.set(asset.key, deps.length);
    for (const dep of deps) {
      const list = children.get(dep.key);
      if (list) list.push(asset.key);
      else children.set(dep.key, [asset.key]);
    }
  }
  const order = [...assets.keys()].filter((key) => waiting.get(key) === 0);
  for (let at = 0; at < order.length; at++)
    for (const next of children.get(order[at]!) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) order.push(next);
    }
  const placed = new Set(order);
  return [...order, ...[...assets.keys()].filter((key) => !placed.has(key))];
}
