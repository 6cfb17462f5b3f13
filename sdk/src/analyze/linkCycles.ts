/**
 * Dependency cycles, found over integer ids and typed arrays so the check stays cheap on every edit: peel off
 * everything with no upstream left (Kahn); what remains is on a cycle or downstream of one. Each cycle is reported
 * on every reference that closes it, naming the whole cycle.
 */
import { DiagnosticCodes } from "./api";
import type { EdgeSite } from "./link";
import { Reporter, locationOf } from "./report";

/** Returns whether there is any cycle. */
export function checkCycles(keys: ReadonlyMap<string, unknown>, edges: readonly EdgeSite[], report: Reporter): boolean {
  const ids = new Map<string, number>();
  for (const key of keys.keys()) ids.set(key, ids.size);
  const count = ids.size;
  const start = new Int32Array(count + 1);
  const indegree = new Int32Array(count);
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  edges.forEach((edge, i) => {
    from[i] = ids.get(edge.from)!;
    to[i] = ids.get(edge.to)!;
    start[from[i]! + 1]!++;
    indegree[to[i]!]!++;
  });
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  /** Edge indices grouped by upstream node: node n's are out[start[n] .. start[n + 1]). */
  const out = new Int32Array(edges.length);
  const fill = start.slice(0, count);
  for (let i = 0; i < edges.length; i++) out[fill[from[i]!]!++] = i;

  const queue = new Int32Array(count);
  let tail = 0;
  for (let n = 0; n < count; n++) if (indegree[n] === 0) queue[tail++] = n;
  for (let head = 0; head < tail; head++) {
    const n = queue[head]!;
    for (let e = start[n]!; e < start[n + 1]!; e++) if (--indegree[to[out[e]!]!]! === 0) queue[tail++] = to[out[e]!]!;
  }
  if (tail === count) return false;

  const onCycleOrAfter = (n: number) => indegree[n]! > 0;
  const done = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    if (!onCycleOrAfter(n) || done[n]) continue;
    const cycle = shortestCycle(n, start, out, from, to, onCycleOrAfter);
    if (!cycle) continue;
    for (const e of cycle) done[from[e]!] = 1;
    const sites = cycle.map((e) => edges[e]!);
    const names = [...sites.map((e) => e.from), sites[0]!.from].join(" -> ");
    for (const edge of sites) {
      report.add(DiagnosticCodes.cycle, "error", edge.reference, `Dependency cycle: ${names}. Remove one of these dependencies.`, {
        related: sites.filter((e) => e !== edge).map((e) => ({ location: locationOf(e.reference), message: `${e.to} depends on ${e.from} here` })),
      });
    }
  }
  return true;
}

/** Breadth-first from `origin` back to itself through remaining nodes; the cycle's edge indices in order, or undefined. */
function shortestCycle(origin: number, start: Int32Array, out: Int32Array, from: Int32Array, to: Int32Array, remaining: (n: number) => boolean): number[] | undefined {
  const via = new Map<number, number>();
  const queue = [origin];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (let k = start[n]!; k < start[n + 1]!; k++) {
      const e = out[k]!;
      const next = to[e]!;
      if (!remaining(next) || via.has(next)) continue;
      via.set(next, e);
      if (next === origin) {
        const path: number[] = [];
        for (let node = origin; ; ) {
          const edge = via.get(node)!;
          path.unshift(edge);
          node = from[edge]!;
          if (node === origin) return path;
        }
      }
      queue.push(next);
    }
  }
  return undefined;
}
