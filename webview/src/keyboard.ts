/**
 * Keyboard navigation between drawn nodes: the arrows along the edges' direction follow edges upstream and downstream
 * (Left and Right when edges run right, Up and Down when they run down), the other two move within a layer, Enter
 * opens the definition. Among several candidates the one nearest on screen wins.
 */
import type { LayoutDirection } from "./layout/types";
import type { Placement } from "./render/placement";

export type Direction = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

export function neighbourInDirection(
  placement: Placement,
  from: string,
  key: Direction,
  flow: LayoutDirection = "right",
): string | null {
  const index = placement.indexOf.get(from);
  if (index === undefined) return null;
  const { layout, graph } = placement;
  // Positions across the layers (a) and along them (b), whichever way the edges run.
  const [a, b] = flow === "down" ? [layout.y, layout.x] : [layout.x, layout.y];
  const [upstream, downstream, before, after] =
    flow === "down"
      ? ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]
      : ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"];
  let candidates: number[];
  if (key === upstream || key === downstream) {
    candidates = graph.edges
      .filter((edge) => (key === upstream ? edge.to === from : edge.from === from))
      .map((edge) => placement.indexOf.get(key === upstream ? edge.from : edge.to)!);
  } else {
    candidates = graph.nodes
      .map((_, i) => i)
      .filter((i) => a[i] === a[index] && (key === after ? b[i]! > b[index]! : key === before && b[i]! < b[index]!));
  }
  let best: number | null = null;
  let bestDistance = Infinity;
  for (const i of candidates) {
    const distance = Math.abs(b[i]! - b[index]!) + Math.abs(a[i]! - a[index]!) / 4;
    if (distance < bestDistance) (best = i), (bestDistance = distance);
  }
  return best === null ? null : graph.nodes[best]!.id;
}
