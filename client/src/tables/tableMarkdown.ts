/** A query's rows as the Markdown a preview document shows; no vscode import, so tests can check it. */
import type { QueryOutput } from "assetline/protocol";
import { markdownCell, markdownTable } from "assetline/describe";

/** `"silver"."orders_enriched"`: the view the DuckDB IO manager keeps for a key (`/` in a key becomes `__`). */
export function tableReference(group: string, key: string): string {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `${quoted(group || "default")}.${quoted(key.replaceAll("/", "__"))}`;
}

/** How many rows a preview shows; it asks for one more, to know whether there are more without counting them all. */
export const PREVIEW_ROWS = 100;

/** `select * from "group"."table" limit 101`: the preview's statement, run with `query --json --limit 100`. */
export function previewQuery(group: string, key: string): string {
  return `select * from ${tableReference(group, key)} limit ${PREVIEW_ROWS + 1}`;
}

const counted = (count: number, noun: string) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;

/** The heading names the asset; under it, how many rows it shows and whether the table has more. */
export function tableMarkdown(key: string, { columns, rows, rowCount }: QueryOutput): string {
  const heading = `# ${markdownCell(key)}`;
  const shown = rowCount > rows.length ? `the first ${counted(rows.length, "row")}` : counted(rows.length, "row");
  const summary = `${counted(columns.length, "column")}, ${shown}.`;
  const table =
    columns.length === 0
      ? ""
      : markdownTable(
          columns.map((column) => column.name),
          rows,
        );
  return `${[heading, summary, table].filter(Boolean).join("\n\n")}\n`;
}
