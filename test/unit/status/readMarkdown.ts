/** Markdown read back as a hover shows it (marked, as VS Code uses): tables as the text of their cells. */
import { marked, type Token, type Tokens } from "marked";

/** A cell as a reader sees it: escapes undone, nothing else interpreted. */
function plain(tokens: readonly Token[]): string {
  return tokens
    .map((token) =>
      "tokens" in token && token.tokens ? plain(token.tokens) : ((token as { text?: string }).text ?? ""),
    )
    .join("");
}

export interface ReadTable {
  /** The header row first, then each row: every cell's text. */
  cells: string[][];
  /** Every token inside the table that is not plain text (a link, an image, HTML, emphasis, code), as written. */
  other: string[];
}

/** Each table of `markdown`, in order. */
export function readTables(markdown: string): ReadTable[] {
  const tables: Tokens.Table[] = [];
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type === "table") tables.push(token as Tokens.Table);
  });
  return tables.map((table) => {
    const other: string[] = [];
    marked.walkTokens([table], (token: Token) => {
      if (!["table", "text", "escape"].includes(token.type)) other.push(`${token.type}: ${token.raw}`);
    });
    return { cells: [table.header, ...table.rows].map((row) => row.map((cell) => plain(cell.tokens))), other };
  });
}
