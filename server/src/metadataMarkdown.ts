/**
 * A materialization's metadata as hover Markdown: Markdown as it is, tables as tables, numbers with separators.
 * Everything here comes from data (what an asset recorded), so the hover passes it through `withoutCommandLinks`.
 */
import type { Metadata, MetadataEntry } from "assetline/protocol";
import { formatNumber, markdownTable, schemaMarkdown } from "assetline/describe";

/** Hovers are read, not scrolled: long values are cut, and say so. */
const MAX_TEXT = 1500;
const MAX_TABLE_ROWS = 10;

export function metadataMarkdown(metadata: Metadata): string {
  const scalars: string[] = [];
  const blocks: string[] = [];
  for (const [name, entry] of Object.entries(metadata)) {
    const block = blockValue(entry);
    if (block === null) scalars.push(`- **${escapeMarkdown(name)}**: ${scalarValue(entry)}`);
    else blocks.push(`**${escapeMarkdown(name)}**\n\n${block}`);
  }
  return [scalars.join("\n"), ...blocks].filter((part) => part.length > 0).join("\n\n");
}

function blockValue(entry: MetadataEntry): string | null {
  switch (entry.type) {
    case "md": {
      const { shown, note } = cut(entry.value);
      return shown + note;
    }
    case "json": {
      const { shown, note } = cut(JSON.stringify(entry.value, null, 2) ?? "null");
      // A fence longer than any backtick run inside, so a string holding ``` cannot close it early.
      const fence = "`".repeat(Math.max(3, longestBacktickRun(shown) + 1));
      return `${fence}json\n${shown}\n${fence}${note}`;
    }
    case "table":
      return tableBlock(entry.value.columns, entry.value.rows);
    case "table_schema":
      return schemaMarkdown(entry.value.columns);
    default:
      return null;
  }
}

function scalarValue(entry: MetadataEntry): string {
  switch (entry.type) {
    case "int":
    case "float":
      return formatNumber(entry.value);
    case "bool":
      return String(entry.value);
    case "timestamp":
      return new Date(entry.value).toISOString();
    case "url":
      // Only web and mail addresses become links; anything else (a `command:` URI above all) is shown, not followed.
      if (!/^(https?|mailto):/i.test(entry.value)) return inlineCode(entry.value);
      // Parentheses, spaces and angle brackets would end the link target early.
      return `[${escapeMarkdown(entry.value)}](${entry.value.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
    case "path":
      return inlineCode(entry.value);
    case "text": {
      const { shown, note } = cut(entry.value);
      return escapeMarkdown(shown) + note;
    }
    default:
      return escapeMarkdown(JSON.stringify(entry.value) ?? "");
  }
}

/** A `table` entry with the one escaping Markdown table (as the table section's), numbers with separators. */
function tableBlock(columns: string[], rows: Record<string, unknown>[]): string {
  if (columns.length === 0) return "_empty table_";
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const formatted = shown.map((row) =>
    Object.fromEntries(columns.map((c) => [c, typeof row[c] === "number" ? formatNumber(row[c]) : row[c]])),
  );
  const table = markdownTable(columns, formatted);
  const hidden = rows.length - shown.length;
  return hidden > 0 ? `${table}\n\n_… ${formatNumber(hidden)} more ${hidden === 1 ? "row" : "rows"} not shown_` : table;
}

function cut(text: string): { shown: string; note: string } {
  if (text.length <= MAX_TEXT) return { shown: text, note: "" };
  return {
    shown: text.slice(0, MAX_TEXT),
    note: `\n\n_… cut: ${formatNumber(text.length - MAX_TEXT)} more characters not shown_`,
  };
}

/** Escapes what would turn plain text into Markdown; `_` inside words (snake_case keys) stays as it is. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>|]/g, "\\$&").replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

/**
 * Text as one code span, whatever it holds: delimited by a backtick run longer than any inside it, padded with a space
 * when it starts or ends with a backtick, and on one line (a blank line would end the paragraph and the span with it).
 */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\s*[\r\n]+\s*/g, " ");
  const fence = "`".repeat(longestBacktickRun(oneLine) + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * Makes Markdown built from data unable to run a command. The client trusts `command:` links to the hover commands,
 * so a value holding `[x](command:assetline.materialize?…)` (in `md`, a preview, a key, a description) would be one
 * click from running them. Character references are shown as written (`&#99;ommand:` would otherwise spell the
 * scheme), and every `command:` (also `command\:`, which Markdown unescapes) gets a zero-width space before its
 * colon, which no URI scheme may contain: the text reads the same and links nowhere.
 */
export function withoutCommandLinks(markdown: string): string {
  return markdown
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, "&amp;$1;")
    .replace(/(command)(\\?:)/gi, "$1\u200b$2");
}
