/**
 * Where a selection string names asset keys, for editor features: hover and go-to-definition on a key,
 * completion while typing one, rename and references across job selections, "matches nothing" warnings.
 * Works from tokens, so half-typed text (`key:ord`, `key:"ord`) still yields its terms.
 */
import { RESERVED_WORDS } from "./ast";
import { isDigits, KEYWORDS, tokenize, type Token } from "./tokens";

export interface KeyTerm {
  /** The key or key pattern as written, without quotes; empty right after a bare `key:`. */
  key: string;
  /** Offset and length of the key text itself (inside the quotes): what a rename replaces. */
  offset: number;
  length: number;
  /** Holds a `*` wildcard: a pattern, not one asset's key. */
  wildcard: boolean;
}

/** Every key term of a selection string, in order: `key:` values and bare keys. */
export function keyTerms(text: string): KeyTerm[] {
  return locateTerms(text).map(({ term }) => term);
}

/** The key term covering `offset` (its `key:` prefix included, its end included), or null. */
export function keyAtOffset(text: string, offset: number): KeyTerm | null {
  return (
    locateTerms(text).find(({ start, term }) => start <= offset && offset <= term.offset + term.length)?.term ?? null
  );
}

interface LocatedTerm {
  /** Where the whole term starts: the `key` of `key:x`, or the bare key. */
  start: number;
  term: KeyTerm;
}

function locateTerms(text: string): LocatedTerm[] {
  const tokens = tokenize(text);
  const located: LocatedTerm[] = [];
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1];
    const next = tokens[i + 1];
    if (token.kind !== "word") return;
    if (token.text === "key" && next?.kind === ":") {
      located.push({ start: token.offset, term: valueTerm(next, tokens[i + 2]) });
    } else if (isBareKey(token, previous, next)) {
      located.push({
        start: token.offset,
        term: { key: token.text, offset: token.offset, length: token.length, wildcard: token.text.includes("*") },
      });
    }
  });
  return located;
}

function valueTerm(colon: Token, value: Token | undefined): KeyTerm {
  if (value?.kind === "word")
    return { key: value.text, offset: value.offset, length: value.length, wildcard: value.text.includes("*") };
  if (value?.kind === "string")
    return { key: value.text, offset: value.offset + 1, length: value.text.length, wildcard: value.text.includes("*") };
  return { key: "", offset: colon.offset + 1, length: 0, wildcard: false };
}

/** A word in a selection's place that is no keyword, `*`, depth, attribute name, function name or value. */
function isBareKey(token: Token, previous: Token | undefined, next: Token | undefined): boolean {
  if (KEYWORDS.has(token.text) || RESERVED_WORDS.has(token.text) || token.text === "*") return false;
  if (next?.kind === ":" || next?.kind === "(") return false;
  if (previous?.kind === ":" || previous?.kind === "=") return false;
  const depth = isDigits(token) && (previous?.kind === "+" || next?.kind === "+");
  return !depth;
}
