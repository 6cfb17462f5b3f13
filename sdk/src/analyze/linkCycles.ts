/**
 * Dependency cycles, found over integer ids and typed arrays so the check stays cheap on every edit: peel off
 * everything with no upstream left (Kahn); what remains is on a cycle or downstream of one. Each cycle is reported
 * on every reference that closes it, naming the whole cycle.
 */
import { DiagnosticCodes } from "./api";
import type { EdgeSite } from "./sites";
import { type Reporter, locationOf } from "./report";

/**
 * Numbers for keys, kept across links so that an edge (an object reused while its file is unchanged) is numbered
 * once, not on every edit.
 */
export class KeyNumbers {
  private readonly numbers = new Map<string, number>();

  get count(): number {
    return this.numbers.size;
  }

  of(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size));
    return n;
  }

  edge(edge: EdgeSite): [from: number, to: number] {
    return (edge.numbers ??= [this.of(edge.from), this.of(edge.to)]);
  }
}

/** Reports every cycle; returns whether there is any. */
export function checkCycles(numbers: KeyNumbers, edges: readonly EdgeSite[], report: Reporter): boolean {
  const from = new Int32Array(edges.length);
  const to = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const pair = numbers.edge(edges[i]!);
    from[i] = pair[0];
    to[i] = pair[1];
  }
  const count = numbers.count;
  const indegree = new Int32Array(count);
  const start = new Int32Array(count + 1);
  for (let i = 0; i < edges.length; i++) {
    start[from[i]! + 1]!++;
    indegree[to[i]!]!++;
  }
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
    // Named from its alphabetically first asset, so the message does not depend on edit history.
    const first = cycle.reduce((best, e, i) => (edges[e]!.from < edges[cycle[best]!]!.from ? i : best), 0);
    const sites = [...cycle.slice(first), ...cycle.slice(0, first)].map((e) => edges[e]!);
    const names = [...sites.map((e) => e.from), sites[0]!.from].join(" -> ");
    for (const edge of sites) {
      report.add(
        DiagnosticCodes.cycle,
        "error",
        edge.reference,
        `Dependency cycle: ${names}. Remove one of these dependencies.`,
        {
          related: sites
            .filter((e) => e !== edge)
            .map((e) => ({ location: locationOf(e.reference), message: `${e.to} depends on ${e.from} here` })),
        },
      );
    }
  }
  return true;
}

/** Breadth-first from `origin` back to itself through remaining nodes; the cycle's edge indices in order, or undefined. */
function shortestCycle(
  origin: number,
  start: Int32Array,
  out: Int32Array,
  from: Int32Array,
  to: Int32Array,
  remaining: (n: number) => boolean,
): number[] | undefined {
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
