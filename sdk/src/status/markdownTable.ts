/**
 * Markdown tables of data the user does not control the shape of (column names and cells from a table, a preview):
 * every character Markdown or an editor's hover gives a meaning to is escaped, so a hostile name or value shows as
 * itself and never breaks the table, starts a link or image, or reaches HTML.
 */

/**
 * What has a meaning inside a GFM table cell: a cell never starts a line (list and heading marks are plain there),
 * and `_` emphasizes only at a word's edge (GFM), so `order_id` stays readable where the Markdown is shown raw.
 */
const SPECIAL = /[\\`*[\]<>|~&]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/** One cell's text: special characters escaped, line breaks as spaces, long text cut at `max` characters. */
export function markdownCell(value: unknown, max = 200): string {
  const text = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  const flat = text.replace(/\r\n|\r|\n/g, " ");
  const cut = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return cut.replace(SPECIAL, (character) => `\\${character}`);
}

/** A GFM table: a header of `columns`, one line per row (cells by column name), everything escaped. */
export function markdownTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(columns.map((column) => markdownCell(column))),
    line(columns.map(() => "---")),
    ...rows.map((row) => line(columns.map((column) => markdownCell(row[column] ?? "")))),
  ].join("\n");
}
