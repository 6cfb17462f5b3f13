/**
 * A hand-written recursive-descent parser for Dagster's asset selection syntax, with Dagster's precedence:
 * traversals (`+x`, `2+x`, `x+`, `x+2`) bind to one attribute, function call or parenthesized selection;
 * then `not`, then `and`, then `or` (both left-associative). A bare key (`orders`) means `key:orders`.
 *
 *   selection := or EOF
 *   or        := and ("or" and)*
 *   and       := not ("and" not)*
 *   not       := "not" not | "*" | traversal
 *   traversal := (DIGITS? "+")? primary ("+" DIGITS?)?
 *   primary   := NAME ":" value ("=" value)? | ("roots" | "sinks") "(" or ")" | "(" or ")" | bare key
 *   value     := WORD | QUOTED (empty allowed) | "<null>" (group, tag key, kind, owner, code_location)
 *
 * As in Dagster's grammar, attribute and function names are reserved: neither a bare key nor an unquoted value.
 */
import {
  ATTRIBUTES,
  AUTOMATION_TYPE_VALUES,
  type Attribute,
  type Depth,
  FUNCTIONS,
  IS_VALUES,
  NULLABLE_ATTRIBUTES,
  RESERVED_VALUES_ALLOWED,
  RESERVED_WORDS,
  type SelectionExpr,
  type SelectionFunction,
  STATUS_VALUES,
  type Value,
} from "./ast";
import { isDigits, isKeyword, KEYWORDS, tokenize, type Token } from "./tokens";

export interface SelectionSyntaxError {
  /** Says what was expected and where, with a 1-based column. */
  message: string;
  offset: number;
  length: number;
}

export type ParseResult = { ok: true; expr: SelectionExpr } | { ok: false; error: SelectionSyntaxError };

export function parseSelection(text: string): ParseResult {
  try {
    return { ok: true, expr: new Parser(text).parseSelection() };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

class SyntaxFailure extends Error {
  constructor(readonly detail: SelectionSyntaxError) {
    super(detail.message);
  }
}

const ATTRIBUTE_LIST = `${ATTRIBUTES.slice(0, -1)
  .map((name) => `${name}:`)
  .join(", ")} or ${ATTRIBUTES.at(-1)}:`;
const NULLABLE_LIST = `tag:, ${NULLABLE_ATTRIBUTES.map((name) => `${name}:`).join(", ")}, automation_type:`;

function isReservedValue(word: string): boolean {
  return RESERVED_WORDS.has(word) && !RESERVED_VALUES_ALLOWED.has(word);
}
const MAX_NESTING = 500;

class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private nesting = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parseSelection(): SelectionExpr {
    if (this.tokens.length === 0) {
      this.fail(0, 0, "the selection is empty: write one, for example key:orders, group:bronze or *");
    }
    const expr = this.parseOr();
    const extra = this.peek();
    if (extra?.kind === "invalid") this.expectedSelection(undefined, extra);
    if (extra)
      this.failAt(
        extra,
        `expected "and", "or" or the end of the selection at column ${column(extra)}, found ${describe(extra)}`,
      );
    return expr;
  }

  private parseOr(): SelectionExpr {
    let left = this.parseAnd();
    while (isKeyword(this.peek(), "or")) {
      const operator = this.next();
      left = { type: "or", left, right: this.parseAnd(operator) };
    }
    return left;
  }

  private parseAnd(after?: Token): SelectionExpr {
    let left = this.parseNot(after);
    while (isKeyword(this.peek(), "and")) {
      const operator = this.next();
      left = { type: "and", left, right: this.parseNot(operator) };
    }
    return left;
  }

  private parseNot(after?: Token): SelectionExpr {
    const token = this.peek();
    // Every nesting (`not`, parentheses, function calls) passes here; a bound keeps hostile input off the stack limit.
    if (++this.nesting > MAX_NESTING) {
      this.failAtOrEnd(
        token,
        (at) => `the selection nests deeper than ${MAX_NESTING} levels at column ${at}: simplify it`,
      );
    }
    try {
      if (isKeyword(token, "not")) {
        this.next();
        return { type: "not", operand: this.parseNot(token) };
      }
      return this.parseOperand(after);
    } finally {
      this.nesting--;
    }
  }

  private parseOperand(after?: Token): SelectionExpr {
    const token = this.peek();
    if (token?.kind === "word" && token.text === "*") {
      this.next();
      const plus = this.peek();
      if (plus?.kind === "+")
        this.failAt(plus, `"*" already selects every asset: remove the "+" at column ${column(plus)}`);
      return { type: "all" };
    }
    return this.parseTraversal(after);
  }

  private parseTraversal(after?: Token): SelectionExpr {
    let up: Depth | undefined;
    let upToken = after;
    const first = this.peek();
    if (isDigits(first) && this.peek(1)?.kind === "+") {
      up = Number(first!.text);
      this.next();
      upToken = this.next();
    } else if (first?.kind === "+") {
      up = "all";
      upToken = this.next();
    }
    const operand = this.parsePrimary(upToken);
    let down: Depth | undefined;
    if (this.peek()?.kind === "+") {
      this.next();
      down = isDigits(this.peek()) ? Number(this.next().text) : "all";
    }
    if (up === undefined && down === undefined) return operand;
    return { type: "traverse", operand, ...(up !== undefined && { up }), ...(down !== undefined && { down }) };
  }

  private parsePrimary(after?: Token): SelectionExpr {
    const token = this.peek();
    if (token?.kind === "(") {
      this.next();
      const inner = this.parseOr();
      this.expectClose(token);
      return inner;
    }
    if (token?.kind !== "word" || isKeyword(token, "and") || isKeyword(token, "or") || isKeyword(token, "not")) {
      return this.expectedSelection(after, token);
    }
    if (token.text === "*") {
      this.failAt(token, `"*" already selects every asset and takes no "+" (column ${column(token)})`);
    }
    const following = this.peek(1);
    if (following?.kind === ":") return this.parseAttribute();
    if (following?.kind === "(") return this.parseFunction();
    if (RESERVED_WORDS.has(token.text)) {
      this.failAt(
        token,
        `reserved word "${token.text}" at column ${column(token)}: the selection syntax keeps it for itself; for the asset, write key:"${token.text}"`,
      );
    }
    this.next();
    return { type: "key", pattern: token.text };
  }

  private parseAttribute(): SelectionExpr {
    const name = this.next();
    this.next();
    const label = `${name.text}:`;
    if (name.text === "partitions") {
      // Dagster's grammar keeps `partitions:` for its UI, which filters partitions, not assets; a run picks them apart.
      this.failAt(
        name,
        `attribute "${label}" at column ${column(name)} chooses partitions, not assets: select the assets here and give the partitions with --partitions (materialize --select "…" --partitions 2026-03-01...2026-03-31)`,
      );
    }
    if (!(ATTRIBUTES as readonly string[]).includes(name.text)) {
      const why = RESERVED_WORDS.has(name.text) ? "is Dagster's but has nothing to match in Assetline" : "is unknown";
      this.failAt(name, `attribute "${label}" at column ${column(name)} ${why}: use ${ATTRIBUTE_LIST}`);
    }
    const attribute = name.text as Attribute;
    switch (attribute) {
      case "key":
        return { type: "key", pattern: this.parseValue(label, { wildcards: true }) };
      case "tag":
        return this.parseTag(label);
      case "group":
      case "kind":
      case "owner":
      case "code_location":
        return { type: attribute, value: this.parseValue(label, { nullable: true }) };
      case "status":
        return { type: "status", value: this.parseChoice(label, STATUS_VALUES, "status") };
      case "is":
        return { type: "is", value: this.parseChoice(label, IS_VALUES, "is: value") };
      case "job":
      case "schedule":
      case "sensor":
        return { type: attribute, name: this.parseValue(label) };
      case "automation_type": {
        // `<null>`: an asset without a condition, as in Dagster.
        if (this.peek()?.kind === "null") {
          this.next();
          return { type: "automation_type", value: null };
        }
        return { type: "automation_type", value: this.parseChoice(label, AUTOMATION_TYPE_VALUES, "automation type") };
      }
      case "column":
      case "table_name":
        return { type: attribute, pattern: this.parseValue(label, { wildcards: true }) };
      case "changed_in_branch": {
        const at = this.peek();
        const base = this.parseValue(label);
        if (base === "")
          this.failAt(at!, `"${label}" needs a git revision at column ${column(at!)}, as in changed_in_branch:main`);
        return { type: "changed_in_branch", base };
      }
    }
  }

  /** `tag:k` is `tag:k=""` (an empty value, as in Dagster); `tag:<null>` is an asset without tags. */
  private parseTag(label: string): SelectionExpr {
    const key = this.parseValue(label, { nullable: true });
    const equals = this.peek();
    if (equals?.kind !== "=") return { type: "tag", key, value: "" };
    if (key === null)
      this.failAt(equals, `"tag:<null>" takes no "=value" (column ${column(equals)}): it selects assets without tags`);
    this.next();
    return { type: "tag", key, value: this.parseValue(`${label}${key}=`) };
  }

  /** A value from a fixed list; as in Dagster's UI, case does not matter. */
  private parseChoice<T extends string>(label: string, choices: readonly T[], noun: string): T {
    const token = this.peek();
    const value = this.parseValue(label).toLowerCase();
    if (!(choices as readonly string[]).includes(value)) {
      this.failAt(
        token!,
        `unknown ${noun} "${value}" at column ${column(token!)}: use ${choices.map((c) => `${label}${c}`).join(", ")}`,
      );
    }
    return value as T;
  }

  private parseFunction(): SelectionExpr {
    const name = this.next();
    if (!(FUNCTIONS as readonly string[]).includes(name.text)) {
      this.failAt(name, `unknown function "${name.text}()" at column ${column(name)}: use roots(...) or sinks(...)`);
    }
    const open = this.next();
    const operand = this.parseOr();
    this.expectClose(open);
    return { type: name.text as SelectionFunction, operand };
  }

  private parseValue(label: string, options: { wildcards?: false; nullable: true }): Value;
  private parseValue(label: string, options?: { wildcards?: boolean; nullable?: false }): string;
  private parseValue(label: string, { wildcards = false, nullable = false } = {}): Value {
    const token = this.peek();
    if (token?.kind === "null") {
      if (!nullable) this.failAt(token, `"${label}" takes no <null> (column ${column(token)}): ${NULLABLE_LIST} do`);
      this.next();
      return null;
    }
    if (token?.kind === "string") {
      if (!token.closed) this.failAt(token, `unclosed quote at column ${column(token)}: add the closing "`);
    } else if (token?.kind === "word" && (KEYWORDS.has(token.text) || isReservedValue(token.text))) {
      this.failAt(
        token,
        `expected a value after "${label}" at column ${column(token)}, found "${token.text}": quote a value that is a ${KEYWORDS.has(token.text) ? "keyword" : "reserved word"}, as in ${label}"${token.text}"`,
      );
    } else if (token?.kind !== "word") {
      this.failAtOrEnd(token, (at) => `expected a value after "${label}" at column ${at}`);
    }
    this.next();
    // Only key:, column: and table_name: match wildcards; a quoted `*` elsewhere is a literal character, as in Dagster.
    if (!wildcards && token.kind === "word" && token.text.includes("*")) {
      this.failAt(
        token,
        `wildcards work only in key:, column: and table_name: values; "${label}" needs an exact value (column ${column(token)})`,
      );
    }
    return token.text;
  }

  private expectClose(open: Token): void {
    const token = this.peek();
    if (token?.kind === ")") {
      this.next();
      return;
    }
    this.failAtOrEnd(
      token,
      (at) => `expected ")" at column ${at} to close the "(" at column ${column(open)}${found(token)}`,
    );
  }

  private expectedSelection(after: Token | undefined, token: Token | undefined): never {
    const where = after ? ` after "${after.text}"` : "";
    if (token?.kind === "invalid") {
      this.failAt(
        token,
        `unexpected character ${describe(token)} at column ${column(token)}: quote values that contain it, as in owner:"team@example.com"`,
      );
    }
    if (token?.kind === "string") {
      this.failAt(
        token,
        `expected a selection${where} at column ${column(token)}, found a quoted value: write key:"${token.text}"`,
      );
    }
    this.failAtOrEnd(token, (at) => `expected a selection${where} at column ${at}${found(token)}`);
  }

  private peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  private next(): Token {
    return this.tokens[this.pos++]!;
  }

  /** Fails at `token`, or at the end of the text when the text ran out; `message` gets the 1-based column. */
  private failAtOrEnd(token: Token | undefined, message: (column: number) => string): never {
    if (token) this.failAt(token, message(column(token)));
    this.fail(this.text.length, 0, message(this.text.length + 1));
  }

  private failAt(token: Token, message: string): never {
    this.fail(token.offset, token.length, message);
  }

  private fail(offset: number, length: number, message: string): never {
    throw new SyntaxFailure({ message, offset, length });
  }
}

function column(token: Token): number {
  return token.offset + 1;
}

function found(token: Token | undefined): string {
  return token ? `, found ${describe(token)}` : "";
}

function describe(token: Token): string {
  return token.kind === "string" ? `the quoted value "${token.text}"` : `"${token.text}"`;
}
