/**
 * Splits a selection string into tokens that keep their offsets. It never throws: editors tokenize half-typed
 * text for completion and hover, so problems become tokens (`invalid`, an unclosed `string`) the parser reports.
 */

/** `null` is Dagster's `<null>` value: the attribute is absent. */
export type TokenKind = "word" | "string" | "null" | "(" | ")" | ":" | "=" | "+" | "invalid";

export interface Token {
  kind: TokenKind;
  /** A word as written; a string's contents without its quotes; the character itself otherwise. */
  text: string;
  /** Offset of the first character (for a string: its opening quote). */
  offset: number;
  /** Characters covered, quotes included. */
  length: number;
  /** Only for strings: whether the closing quote is there. */
  closed?: boolean;
}

/**
 * Characters of an unquoted word: keys (`warehouse/orders`, `daily-report`), values (`table_name:silver.orders`),
 * wildcards, digits.
 */
const WORD_CHAR = /[A-Za-z0-9_\-/*.]/;
const PUNCTUATION = new Set(["(", ")", ":", "=", "+"]);
const NULL = "<null>";

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, offset: i, length: 1 });
      i++;
    } else if (text.startsWith(NULL, i)) {
      tokens.push({ kind: "null", text: NULL, offset: i, length: NULL.length });
      i += NULL.length;
    } else if (ch === '"') {
      // As in Dagster, a quoted value has no escapes and ends at the next quote or line break.
      let end = i + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== "\n" && text[end] !== "\r") end++;
      const closed = text[end] === '"';
      tokens.push({
        kind: "string",
        text: text.slice(i + 1, end),
        offset: i,
        length: end - i + (closed ? 1 : 0),
        closed,
      });
      i = closed ? end + 1 : end;
    } else if (WORD_CHAR.test(ch)) {
      let end = i + 1;
      while (end < text.length && WORD_CHAR.test(text[end]!)) end++;
      tokens.push({ kind: "word", text: text.slice(i, end), offset: i, length: end - i });
      i = end;
    } else {
      tokens.push({ kind: "invalid", text: ch, offset: i, length: 1 });
      i++;
    }
  }
  return tokens;
}

export const KEYWORDS = new Set(["and", "AND", "or", "OR", "not", "NOT"]);

export function isDigits(token: Token | undefined): boolean {
  return token?.kind === "word" && /^[0-9]+$/.test(token.text);
}

export function isKeyword(token: Token | undefined, keyword: "and" | "or" | "not"): boolean {
  return token?.kind === "word" && (token.text === keyword || token.text === keyword.toUpperCase());
}
