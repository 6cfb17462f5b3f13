/** Dependency cycles: each one is reported on every reference that closes it, naming the whole cycle. */
import { DiagnosticCodes } from "./api";
import type { EdgeSite } from "./link";
import { Reporter, locationOf } from "./report";

export function checkCycles(edges: readonly EdgeSite[], report: Reporter): void {
  const outgoing = new Map<string, EdgeSite[]>();
  const indegree = new Map<string, number>();
  for (const edge of edges) {
    (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from)!).push(edge);
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
    if (!indegree.has(edge.from)) indegree.set(edge.from, 0);
  }
  // Peel off everything upstream-free (Kahn); what remains has a cycle upstream of it or is on one.
  const queue = [...indegree].filter(([, n]) => n === 0).map(([key]) => key);
  for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
    indegree.delete(key);
    for (const edge of outgoing.get(key) ?? []) {
      const left = indegree.get(edge.to)! - 1;
      indegree.set(edge.to, left);
      if (left === 0) queue.push(edge.to);
    }
  }
  const done = new Set<string>();
  for (const start of indegree.keys()) {
    if (done.has(start)) continue;
    const cycle = shortestCycle(start, outgoing, indegree);
    if (!cycle) continue;
    for (const edge of cycle) done.add(edge.from);
    const names = [...cycle.map((e) => e.from), start].join(" -> ");
    for (const edge of cycle) {
      report.add(DiagnosticCodes.cycle, "error", edge.reference, `Dependency cycle: ${names}. Remove one of these dependencies.`, {
        related: cycle.filter((e) => e !== edge).map((e) => ({ location: locationOf(e.reference), message: `${e.to} depends on ${e.from} here` })),
      });
    }
  }
}

/** Breadth-first from `start` back to itself, through nodes still in `remaining`; the edges of the cycle, or undefined. */
function shortestCycle(start: string, outgoing: Map<string, EdgeSite[]>, remaining: Map<string, number>): EdgeSite[] | undefined {
  const via = new Map<string, EdgeSite>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const edge of outgoing.get(queue[i]!) ?? []) {
      if (!remaining.has(edge.to) || via.has(edge.to)) continue;
      via.set(edge.to, edge);
      if (edge.to === start) {
        const path: EdgeSite[] = [];
        for (let e = via.get(start)!; ; e = via.get(e.from)!) {
          path.unshift(e);
          if (e.from === start) return path;
        }
      }
      queue.push(edge.to);
    }
  }
  return undefined;
}
