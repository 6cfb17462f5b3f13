/** Data frames as arrays of records, with the two relational helpers the pipeline needs. Plain code, not assets. */
export type Row = Record<string, unknown>;

/** Left join on `on`: every left row, with the matching right row's columns when there is one. */
export function leftJoin<L extends Row, R extends Row>(
  left: L[],
  right: R[],
  on: keyof L & keyof R,
): (L & Partial<R>)[] {
  const index = new Map<unknown, R>(right.map((row) => [row[on], row]));
  return left.map((row) => ({ ...index.get(row[on]), ...row }) as L & Partial<R>);
}

/** Sums `value` per distinct `by`, in first-seen order. */
export function sumBy<T extends Row>(
  rows: T[],
  by: (row: T) => string,
  value: (row: T) => number,
): { key: string; total: number; count: number }[] {
  const groups = new Map<string, { key: string; total: number; count: number }>();
  for (const row of rows) {
    const key = by(row);
    const group = groups.get(key) ?? { key, total: 0, count: 0 };
    group.total = Math.round((group.total + value(row)) * 100) / 100;
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A Markdown table of the first rows, for metadata previews. */
export function markdownTable(rows: Row[]): string {
  if (rows.length === 0) return "_empty_";
  const columns = Object.keys(rows[0]!);
  const line = (cells: unknown[]) => `| ${cells.map((cell) => String(cell)).join(" | ")} |`;
  return [line(columns), line(columns.map(() => "---")), ...rows.map((row) => line(columns.map((c) => row[c])))].join(
    "\n",
  );
}
