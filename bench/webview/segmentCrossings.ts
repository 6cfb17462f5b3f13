/**
 * Counts edge crossings of a finished drawing the same way for every layout engine: the number of proper
 * intersections between segments of different edges (touching at a shared end or overlapping does not count).
 * Segments are bucketed in a uniform grid and a pair is counted only in the cell holding its intersection point.
 */

/** One polyline per edge, as x, y pairs. */
export type Drawing = number[][];

const CELL = 120;

type Segment = [x0: number, y0: number, x1: number, y1: number, edge: number];

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
}

/** The intersection point when the two segments cross properly, else null. */
function crossingPoint(a: Segment, b: Segment): [number, number] | null {
  const [ax0, ay0, ax1, ay1] = a;
  const [bx0, by0, bx1, by1] = b;
  if (orientation(ax0, ay0, ax1, ay1, bx0, by0) * orientation(ax0, ay0, ax1, ay1, bx1, by1) >= 0) return null;
  if (orientation(bx0, by0, bx1, by1, ax0, ay0) * orientation(bx0, by0, bx1, by1, ax1, ay1) >= 0) return null;
  const denominator = (ax1 - ax0) * (by1 - by0) - (ay1 - ay0) * (bx1 - bx0);
  const t = ((bx0 - ax0) * (by1 - by0) - (by0 - ay0) * (bx1 - bx0)) / denominator;
  return [ax0 + t * (ax1 - ax0), ay0 + t * (ay1 - ay0)];
}

export function countDrawingCrossings(drawing: Drawing): number {
  const cells = new Map<string, Segment[]>();
  drawing.forEach((points, edge) => {
    for (let i = 0; i + 3 < points.length; i += 2) {
      const segment: Segment = [points[i]!, points[i + 1]!, points[i + 2]!, points[i + 3]!, edge];
      const [cx0, cx1] = [
        Math.floor(Math.min(segment[0], segment[2]) / CELL),
        Math.floor(Math.max(segment[0], segment[2]) / CELL),
      ];
      const [cy0, cy1] = [
        Math.floor(Math.min(segment[1], segment[3]) / CELL),
        Math.floor(Math.max(segment[1], segment[3]) / CELL),
      ];
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const key = `${cx},${cy}`;
          const list = cells.get(key);
          if (list) list.push(segment);
          else cells.set(key, [segment]);
        }
      }
    }
  });
  let crossings = 0;
  for (const [key, list] of cells) {
    const [cx, cy] = key.split(",").map(Number) as [number, number];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[i]![4] === list[j]![4]) continue;
        const point = crossingPoint(list[i]!, list[j]!);
        if (point && Math.floor(point[0] / CELL) === cx && Math.floor(point[1] / CELL) === cy) crossings++;
      }
    }
  }
  return crossings;
}
