import { createHash } from "node:crypto";

/**
 * The code version of a definition: a short hash of its source without comments and formatting, so reformatting
 * or editing comments does not make an asset stale. The analyzer hashes a definition call when its node's version
 * is first read (sourceVersion.ts); the runner and the status command read the versions from the analyzer's graph.
 */
export function codeVersion(sourceText: string): string {
  return createHash("sha256").update(withoutTrivia(sourceText)).digest("hex").slice(0, 16);
}

const SPACE = 32;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const NEWLINE = 10;

function isWhitespace(c: number): boolean {
  return c === SPACE || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/** Identifier and number characters: whitespace between two of them separates tokens and must be kept. */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

/** ASCII characters that never start whitespace, a comment, a string, a template or a regular expression. */
const PLAIN = new Uint8Array(128).map((_, c) =>
  isWhitespace(c) || c === SLASH || c === 39 || c === 34 || c === 96 ? 0 : 1,
);

/** After these keywords an expression starts, so a `/` begins a regular expression (`return /a b/.test(s)`). */
const EXPRESSION_KEYWORDS = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

/** After these characters, a keyword above (the word ending `before`) or at the start, `/` begins a regular expression. */
function regexMayFollow(c: number, before: string): boolean {
  if (c === -1 || "(,=:[!&|?{};+-*%<>~^".includes(String.fromCharCode(c))) return true;
  if (!isWord(c)) return false;
  let start = before.length;
  while (start > 0 && isWord(before.charCodeAt(start - 1))) start--;
  return EXPRESSION_KEYWORDS.has(before.slice(start));
}

/**
 * The source with comments and whitespace removed, keeping one space where whitespace separated two word
 * characters (`a b`) or two identical `+`/`-` (`a + +b`). Strings, template literals and regular expressions
 * are copied as written. A hand-written pass rather than the TypeScript scanner: a status check versions every
 * definition of the workspace, and token-by-token hashing cost more than parsing itself.
 */
function withoutTrivia(source: string): string {
  const parts: string[] = [];
  const length = source.length;
  let runStart = 0;
  let last = -1;
  let skipped = false;
  let i = 0;

  const flush = (end: number) => {
    if (end > runStart) {
      const first = source.charCodeAt(runStart);
      if (
        skipped &&
        last !== -1 &&
        ((isWord(last) && isWord(first)) || (last === first && (first === 43 || first === 45)))
      )
        parts.push(" ");
      parts.push(source.slice(runStart, end));
      last = source.charCodeAt(end - 1);
      skipped = false;
    }
  };
  const skipTo = (end: number) => {
    flush(i);
    skipped = true;
    i = end;
    runStart = end;
  };

  while (i < length) {
    const c = source.charCodeAt(i);
    // Most characters are plain code: one table lookup settles them.
    if (c < 128 && PLAIN[c] === 1) {
      i++;
      continue;
    }
    if (isWhitespace(c)) {
      let end = i + 1;
      while (end < length && isWhitespace(source.charCodeAt(end))) end++;
      skipTo(end);
    } else if (c === SLASH && source.charCodeAt(i + 1) === SLASH) {
      const end = source.indexOf("\n", i);
      skipTo(end === -1 ? length : end);
    } else if (c === SLASH && source.charCodeAt(i + 1) === STAR) {
      const end = source.indexOf("*/", i + 2);
      skipTo(end === -1 ? length : end + 2);
    } else if (c === 39 || c === 34) {
      i = endOfString(source, i, c);
    } else if (c === 96) {
      i = endOfTemplate(source, i);
    } else if (
      c === SLASH &&
      regexMayFollow(
        lastSignificant(source, i, runStart, last),
        i > runStart ? source.slice(runStart, i) : (parts.at(-1) ?? ""),
      )
    ) {
      i = endOfRegex(source, i);
    } else {
      i++;
    }
  }
  flush(length);
  return parts.join("");
}

/** The last character before `i` that is not trivia: in the current run, else the last one flushed. */
function lastSignificant(source: string, i: number, runStart: number, last: number): number {
  return i > runStart ? source.charCodeAt(i - 1) : last;
}

function endOfString(source: string, start: number, quote: number): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote || c === NEWLINE) return i + 1;
    else i++;
  }
  return i;
}

/** A template literal with its `${...}` parts (which may nest strings and templates), copied as written. */
function endOfTemplate(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === 96) return i + 1;
    else if (c === 36 && source.charCodeAt(i + 1) === 123) {
      let depth = 1;
      i += 2;
      while (i < source.length && depth > 0) {
        const d = source.charCodeAt(i);
        if (d === 123) depth++;
        else if (d === 125) depth--;
        if (d === 39 || d === 34) i = endOfString(source, i, d);
        else if (d === 96) i = endOfTemplate(source, i);
        else i++;
      }
    } else i++;
  }
  return i;
}

function endOfRegex(source: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === NEWLINE) return i;
    else if (c === 91) (inClass = true), i++;
    else if (c === 93) (inClass = false), i++;
    else if (c === SLASH && !inClass) return i + 1;
    else i++;
  }
  return i;
}
