/**
 * Automation benchmark: one evaluation tick of 10,000 assets in a layered DAG (20 layers of 500, each asset reading
 * 1–3 assets of the layer above), every asset but the first layer's eager, on a warm state (the tick before it ran,
 * and a tenth of the first layer updated since). Reports the tick (target ≤ 200 ms) and, timed alternately with it, a
 * baseline: a plain topological walk over the same graph that reads each asset's facts and its upstreams' once, the
 * least any evaluator must do. Raw times on a shared machine are noisy; the ratio is what to compare across changes.
 * Then the same ticks through the daemon's path (storeTick.ts): facts from a real store, the evaluation recorded.
 * Run with `npm run bench:automation`.
 */
import { availableParallelism, loadavg } from "node:os";
import {
  type AutomationFacts,
  type AutomationGraph,
  type AutomationState,
  type Condition,
  evaluateAutomation,
} from "../../sdk/src/automation/evaluate";
import { storeTickTimings } from "./storeTick";
import { medians, type Timing, timed } from "./timing";

const LAYERS = 20;
const WIDTH = 500;
const RUNS = 15;
const TARGET_MS = 200;

const not = (operand: Condition): Condition => ({ type: "not", operand });
const or = (...operands: Condition[]): Condition => ({ type: "or", operands });
const willBeRequested: Condition = { type: "willBeRequested" };

/** The contract's eager(), as the define API builds it. */
const eager = (): Condition => ({
  type: "and",
  label: "eager",
  operands: [
    { type: "inLatestTimeWindow" },
    {
      type: "since",
      trigger: or(
        { type: "newlyMissing" },
        { type: "anyDepsMatch", condition: or({ type: "newlyUpdated" }, willBeRequested) },
      ),
      reset: or({ type: "newlyRequested" }, { type: "newlyUpdated" }),
    },
    not({ type: "anyDepsMatch", condition: { type: "and", operands: [{ type: "missing" }, not(willBeRequested)] } }),
    not({ type: "anyDepsMatch", condition: { type: "inProgress" } }),
    not({ type: "inProgress" }),
  ],
});

function layeredGraph(): AutomationGraph {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const key = (layer: number, i: number) => `a${layer}_${i}`;
  const nodes: AutomationGraph["nodes"][number][] = [];
  const edges: { from: string; to: string }[] = [];
  for (let layer = 0; layer < LAYERS; layer++)
    for (let i = 0; i < WIDTH; i++) {
      nodes.push({ key: key(layer, i), group: "default", tags: {}, kinds: [], owners: [] });
      if (layer === 0) continue;
      const upstreams = new Set(
        Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * WIDTH)),
      );
      for (const from of upstreams) edges.push({ from: key(layer - 1, from), to: key(layer, i) });
    }
  return { nodes, edges };
}

function factsAt(materialized: Map<string, number>): AutomationFacts {
  return {
    latestMaterialization: (key) => materialized.get(key),
    codeVersion: () => undefined,
    inProgress: () => false,
    latestAttemptFailed: () => false,
    dynamicKeys: () => undefined,
  };
}

/** What any evaluator does at least: assets in topological order, each reading its facts and its upstreams'. */
function topologicalWalk(graph: AutomationGraph, facts: AutomationFacts): number {
  const upstream = new Map<string, string[]>();
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const node of graph.nodes) {
    upstream.set(node.key, []);
    waiting.set(node.key, 0);
    children.set(node.key, []);
  }
  for (const { from, to } of graph.edges) {
    upstream.get(to)!.push(from);
    waiting.set(to, waiting.get(to)! + 1);
    children.get(from)!.push(to);
  }
  const order = graph.nodes.map((node) => node.key).filter((key) => waiting.get(key) === 0);
  let updated = 0;
  for (let at = 0; at < order.length; at++) {
    const key = order[at]!;
    const own = facts.latestMaterialization(key, undefined) ?? 0;
    if (upstream.get(key)!.some((dep) => (facts.latestMaterialization(dep, undefined) ?? 0) > own)) updated++;
    for (const next of children.get(key)!) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) order.push(next);
    }
  }
  return updated;
}

const graph = layeredGraph();
const conditions = Object.fromEntries(
  graph.nodes.filter((node) => !node.key.startsWith("a0_")).map((node) => [node.key, eager()]),
);
const start = Date.parse("2026-03-01T10:00:00Z");
const materialized = new Map(graph.nodes.map((node) => [node.key, start - 3_600_000]));
const settled = evaluateAutomation(graph, conditions, factsAt(materialized), undefined, new Date(start));
const afterSettled = JSON.parse(JSON.stringify(settled.state)) as AutomationState;
for (let i = 0; i < WIDTH; i += 10) materialized.set(`a0_${i}`, start + 60_000);
const facts = factsAt(materialized);
const cascade = () => evaluateAutomation(graph, conditions, facts, afterSettled, new Date(start + 120_000));
const afterCascade = JSON.parse(JSON.stringify(cascade().state)) as AutomationState;
const quiet = () => evaluateAutomation(graph, conditions, facts, afterCascade, new Date(start + 180_000));

/** Median timings of the baseline and `tick`, measured alternately so both see the same machine load. */
function paired(tick: () => unknown): { baseline: Timing; tick: Timing } {
  tick();
  topologicalWalk(graph, facts);
  const runs = { baseline: [] as Timing[], tick: [] as Timing[] };
  for (let i = 0; i < RUNS; i++) {
    runs.baseline.push(timed(() => topologicalWalk(graph, facts)));
    runs.tick.push(timed(tick));
  }
  return { baseline: medians(runs.baseline), tick: medians(runs.tick) };
}

const stateBytes = JSON.stringify(afterCascade).length;
console.log(
  `${graph.nodes.length} assets (${Object.keys(conditions).length} eager), ${graph.edges.length} edges; state ` +
    `${(stateBytes / 1024).toFixed(0)} KiB as JSON; load average ${loadavg()[0]!.toFixed(1)} on ` +
    `${availableParallelism()} cores; medians of ${RUNS}; baseline: a topological walk, timed beside each tick`,
);
const columns = ["requested", "wall ms", "cpu ms", "base cpu", "ratio"];
console.log(`${"tick".padEnd(38)}${columns.map((column) => column.padStart(10)).join("")}`);
for (const [name, tick] of [
  ["a tenth of the first layer updated", cascade],
  ["nothing changed since", quiet],
] as const) {
  const requested = tick().results.filter((result) => result.willRun).length;
  const { baseline, tick: timing } = paired(tick);
  const cells = [String(requested), timing.wall.toFixed(1), timing.cpu.toFixed(1), baseline.cpu.toFixed(1)];
  const ratio = `${(timing.cpu / baseline.cpu).toFixed(2)}×`;
  console.log(`${name.padEnd(38)}${[...cells, ratio].map((cell) => cell.padStart(10)).join("")}`);
}
console.log(`target: one tick ≤ ${TARGET_MS} ms; ratio: CPU time against the baseline's`);

const store = await storeTickTimings(graph, conditions, start, 5);
console.log(
  `${"through the daemon's path (store facts, evaluate, record):".padEnd(38)}\n` +
    `${"  a tenth of the first layer updated".padEnd(38)}${[store.requested, store.cascade.wall.toFixed(1), store.cascade.cpu.toFixed(1)].map((cell) => String(cell).padStart(10)).join("")}\n` +
    `${"  nothing changed since".padEnd(38)}${[0, store.quiet.wall.toFixed(1), store.quiet.cpu.toFixed(1)].map((cell) => String(cell).padStart(10)).join("")}`,
);
