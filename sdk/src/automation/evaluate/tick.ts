/**
 * What one evaluation shares: the graph as assets with their deps, the order to decide them in, and the per-tick
 * caches (partitions, dep selections, cron ticks, the previous requests).
 */
import { previousTick } from "../../checks/cron";
import { partitionKeys } from "../../partitions";
import { parseSelection, selectAssets } from "../../selection";
import type { AutomationFacts, AutomationGraph, AutomationState } from "./inputs";
import { memberOf } from "./node";
import { type AssetInfo, type Tick, WHOLE } from "./scope";

export function assetsOf(graph: AutomationGraph): Map<string, AssetInfo> {
  const assets = new Map<string, AssetInfo>();
  for (const node of graph.nodes)
    if (!assets.has(node.key)) assets.set(node.key, { key: node.key, partitions: node.partitions, deps: [] });
  for (const edge of graph.edges) assets.get(edge.to)?.deps.push({ key: edge.from, mapping: edge.mapping });
  return assets;
}

export function tickOf(
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
export function topologicalOrder(assets: ReadonlyMap<string, AssetInfo>): string[] {
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
