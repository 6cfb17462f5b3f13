/**
 * Counts crossings between two adjacent layers in O(E log V) with an accumulator tree (Barth, Jünger, Mutzel 2002):
 * sort edges by their top position, then count inversions among their bottom positions.
 */
export function countBilayerCrossings(top: ArrayLike<number>, bottom: ArrayLike<number>, bottomSize: number): number {
  const count = top.length;
  if (count < 2) return 0;
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => top[a]! - top[b]! || bottom[a]! - bottom[b]!);
  let size = 1;
  while (size < bottomSize) size *= 2;
  const tree = new Int32Array(2 * size);
  let crossings = 0;
  for (const edge of order) {
    let index = bottom[edge]! + size;
    tree[index]! += 1;
    while (index > 1) {
      // A left child adds the edges already placed to the right of it (they end further down, so they cross).
      if (index % 2 === 0) crossings += tree[index + 1]!;
      index >>= 1;
      tree[index]! += 1;
    }
  }
  return crossings;
}
