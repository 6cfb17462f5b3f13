/**
 * Markdown tables of data the user does not control the shape of (column names and cells from a table, a preview):
 * every character Markdown or an editor's hover gives a meaning to is escaped, so a hostile name or value shows as
 * itself and never breaks the table, starts a link or image, or reaches HTML.
 */

/**
 * What has a meaning inside a GFM table cell: a cell never starts a line (list and heading marks are plain there),
 * and `_` emphasizes only at a word's edge (GFM), so `order_id` stays readable where the Markdown is shown raw. GFM
 * also links bare addresses (`https://…`, `www.…`, `name@host.com`): the `:` of `://`, the `.` after `www` and every
 * `@` are escaped, so a cell never becomes a link.
 */
const SPECIAL = /[\\`*[\]<>|~&@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|:(?=\/\/)|(?<=(?<![\p{L}\p{N}])www)\./giu;
/** Every line break a Markdown reader may honour, Unicode's separators included: each would end the table's row. */
export const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;

/**
 * One cell's text: special characters escaped, line breaks as spaces, long text cut at `max` characters. A date (a
 * TIMESTAMP read back) is its ISO time, not JSON's quoted string.
 */
export function markdownCell(value: unknown, max = 200): string {
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === "object" && value !== null
        ? JSON.stringify(value)
        : String(value);
  const flat = text.replace(LINE_BREAK, " ");
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
