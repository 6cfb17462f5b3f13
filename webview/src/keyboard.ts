/**
 * Keyboard navigation between drawn nodes: Left and Right follow edges upstream and downstream, Up and Down move
 * within a column, Enter opens the definition. Among several candidates the one nearest on screen wins.
 */
import type { Placement } from "./render/placement";

export type Direction = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

export function neighbourInDirection(placement: Placement, from: string, direction: Direction): string | null {
  const index = placement.indexOf.get(from);
  if (index === undefined) return null;
  const { layout, graph } = placement;
  const x = layout.x[index]!;
  const y = layout.y[index]!;
  let candidates: number[];
  if (direction === "ArrowLeft" || direction === "ArrowRight") {
    candidates = graph.edges
      .filter((edge) => (direction === "ArrowLeft" ? edge.to === from : edge.from === from))
      .map((edge) => placement.indexOf.get(direction === "ArrowLeft" ? edge.from : edge.to)!);
  } else {
    const below = direction === "ArrowDown";
    candidates = graph.nodes
      .map((_, i) => i)
      .filter((i) => layout.x[i] === x && (below ? layout.y[i]! > y : layout.y[i]! < y));
  }
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const i of candidates) {
    const distance = Math.abs(layout.y[i]! - y) + Math.abs(layout.x[i]! - x) / 4;
    if (distance < bestDistance) (best = i), (bestDistance = distance);
  }
  return best === null ? null : graph.nodes[best]!.id;
}
