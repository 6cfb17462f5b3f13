/**
 * Parses one file and extracts its facts. Only top-level statements are walked (and the calls inside them);
 * the tree is dropped when this returns, so memory holds facts, never syntax trees.
 */
import ts from "typescript";
import {
  describeExpression,
  propertyValue,
  readKeyRef,
  readOptions,
  readRef,
  readString,
  unwrap,
  type SdkNames,
} from "./extractOptions";
import { readCheck, readCheckEntries } from "./extractChecks";
import { readSelection } from "./extractSelection";
import { AUTOMATION_CALLS, readAutomation, readConditionConst } from "./extractAutomation";
import { readProvidedResources } from "./extractResources";
import { contextReads, PARTITION_CALLS, readWritten, UPSTREAM_CALLS } from "./extractPartitions";
import type { BindingRef, DefinitionFact, FileFacts, RefFact, ValueFact, WrittenValue } from "./facts";
import { computeLineStarts, type Span } from "./lineIndex";

/** The parse settings the analyzer (and its benchmark baseline) use: JSDoc is read from comment text, not parsed. */
export function parseSource(file: string, text: string): ts.SourceFile {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    kind,
  );
}

const SDK_MODULE = /^assetline(\/|$)/;
const SDK_EXPORTS = new Set([
  "asset",
  "multiAsset",
  "graphAsset",
  "op",
  "AssetSpec",
  "defineAssetJob",
  "AssetSelection",
  "Definitions",
  "assetCheck",
  "multiAssetCheck",
  "checks",
  "AutomationCondition",
  ...AUTOMATION_CALLS,
  ...PARTITION_CALLS,
  ...UPSTREAM_CALLS,
]);

/**
 * `path`: the file relative to the workspace root, as messages name it. A file nested too deeply for TypeScript's
 * parser (or the walks below), which run out of stack at several hundred levels, yields facts with nothing but `tooDeep`: one
 * diagnostic on that file, instead of an exception that would take every other file's graph down with it.
 */
export function extractFacts(file: string, text: string, path = file): FileFacts {
  try {
    return extractParsed(file, text, path);
  } catch (error) {
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    const facts = emptyFacts(file, text, path);
    facts.tooDeep = deepestNesting(text);
    facts.surface = surfaceOf(facts);
    return facts;
  }
}

function emptyFacts(file: string, text: string, path: string): FileFacts {
  return {
    file,
    path,
    text,
    lineStarts: computeLineStarts(text),
    imports: [],
    bareImports: [],
    reexports: [],
    exports: [],
    definitions: [],
    jobs: [],
    definitionsCalls: [],
    checks: [],
    automation: [],
    conditionConsts: [],
    ops: [],
    stringConsts: [],
    partitionValues: [],
    values: [],
    hiddenDefinitions: [],
    surface: "",
  };
}

function extractParsed(file: string, text: string, path: string): FileFacts {
  const source = parseSource(file, text);
  const facts = emptyFacts(file, text, path);
  const sdk = readImports(source, facts);
  const spanOf = (node: ts.Node) => ({ start: node.getStart(source), end: node.end });
  const handles = (elements: readonly ts.Expression[] | undefined) =>
    (elements ?? []).flatMap((e) => {
      const ref = readRef(e, source);
      return ref?.type === "handle" ? [ref.ref] : [];
    });
  let mentions: number[] | undefined;

  /** Records what the binding defines; false when it is none of the SDK's definitions nor a key string. */
  const onBinding = (
    local: string,
    localSpan: ts.Node | undefined,
    init: ts.Expression,
    statement: ts.Statement,
    isConst: boolean,
  ): boolean => {
    const expr = unwrap(init);
    if (ts.isNewExpression(expr) && sdk.calleeName(expr.expression) === "Definitions") {
      const options = expr.arguments?.[0];
      const init =
        options && ts.isObjectLiteralExpression(unwrap(options))
          ? (unwrap(options) as ts.ObjectLiteralExpression)
          : undefined;
      const assets = init ? arrayProperty(init, "assets") : [];
      const jobs = init ? arrayProperty(init, "jobs") : [];
      const checks = init && propertyValue(init, "checks");
      const io = init && propertyValue(init, "io");
      facts.definitionsCalls.push({
        local,
        assets: assets.map((e) => readKeyRef(e, source)),
        jobs: handles(jobs),
        checks: checks ? readCheckEntries(checks, source, sdk) : [],
        schedules: handles(init && arrayProperty(init, "schedules")),
        sensors: handles(init && arrayProperty(init, "sensors")),
        resources: readProvidedResources(init),
        ...(io && { io: readKeyRef(io, source) }),
        span: spanOf(expr),
        calleeSpan: spanOf(expr.expression),
      });
      return true;
    }
    const literal = isConst ? readString(expr, source) : undefined;
    if (literal) {
      facts.stringConsts.push([local, literal]);
      return true;
    }
    if (!ts.isCallExpression(expr)) return false;
    /** A check, schedule or sensor bound here: named by the binding. */
    const bound = <T extends { local: string; localSpan?: Span }>(fact: T | undefined, list: T[]): boolean => {
      if (!fact) return false;
      fact.local = local;
      if (localSpan) fact.localSpan = spanOf(localSpan);
      list.push(fact);
      return true;
    };
    if (bound(readCheck(expr, source, sdk), facts.checks)) return true;
    if (bound(readAutomation(expr, source, sdk), facts.automation)) return true;
    const condition = isConst ? readConditionConst(expr, source, sdk) : undefined;
    if (condition) {
      facts.conditionConsts.push([local, condition]);
      return true;
    }
    const callee = sdk.calleeName(expr.expression);
    const args = expr.arguments;
    if (isConst && callee && PARTITION_CALLS.has(callee)) {
      facts.partitionValues.push([local, readWritten(expr, source, sdk)]);
      return true;
    }
    switch (callee) {
      case "op": {
        const name = args[0] && readString(args[0], source);
        if (name) facts.ops.push([local, name.value]);
        return name !== undefined;
      }
      case "defineAssetJob": {
        const options = args[0] && unwrap(args[0]);
        if (!options || !ts.isObjectLiteralExpression(options)) return false;
        const nameNode = propertyValue(options, "name");
        const selectionNode = propertyValue(options, "selection");
        facts.jobs.push({
          local,
          localSpan: localSpan ? spanOf(localSpan) : spanOf(expr),
          name: nameNode && readString(nameNode, source),
          selection: selectionNode && readSelection(selectionNode, source, sdk),
          span: spanOf(expr),
        });
        return true;
      }
      case "asset":
      case "multiAsset":
      case "graphAsset":
      case "AssetSpec": {
        const definition = readDefinition(callee, expr, source, sdk, text, (mentions ??= partitionMentions(text)));
        definition.local = local;
        if (localSpan) definition.localSpan = spanOf(localSpan);
        const jsDoc = jsDocOf(text, statement);
        if (jsDoc) definition.jsDoc = jsDoc;
        facts.definitions.push(definition);
        return true;
      }
    }
    return false;
  };

  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      const flags = statement.declarationList.flags;
      const isConst = (flags & ts.NodeFlags.Const) !== 0;
      const keyword = isConst ? "const" : (flags & ts.NodeFlags.Let) !== 0 ? "let" : "var";
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) {
          for (const local of boundNames(declaration.name)) {
            if (exported) facts.exports.push([local, local]);
            facts.values.push([local, { type: "dynamic", what: "a destructured value" }]);
          }
          continue;
        }
        const local = declaration.name.text;
        if (exported) facts.exports.push([local, local]);
        const init = declaration.initializer;
        if (!init || !onBinding(local, declaration.name, init, statement, isConst))
          facts.values.push([local, bindingValue(init, keyword, source)]);
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const expr = unwrap(statement.expression);
      if (ts.isIdentifier(expr)) facts.exports.push(["default", expr.text]);
      else {
        facts.exports.push(["default", "default"]);
        onBinding("default", undefined, expr, statement, true);
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      !statement.moduleSpecifier &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements)
        facts.exports.push([element.name.text, (element.propertyName ?? element.name).text]);
    } else if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isEnumDeclaration(statement)
    ) {
      // Never definitions, but recorded so a handle naming one is reported as "not an asset" rather than "not defined".
      if (!statement.name) continue;
      if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
        facts.exports.push([statement.name.text, statement.name.text]);
      facts.values.push([statement.name.text, { type: "other" }]);
    }
  }
  facts.hiddenDefinitions = hiddenDefinitions(source, text, sdk, facts.definitions);
  const syntaxError = firstSyntaxError(source);
  if (syntaxError) facts.syntaxError = syntaxError;
  facts.surface = surfaceOf(facts);
  return facts;
}

/**
 * Where brackets nest deepest (a count of `(`, `[`, `{` that ignores strings and comments: only to point at the
 * place), and how deep.
 */
function deepestNesting(text: string): NonNullable<FileFacts["tooDeep"]> {
  let depth = 0;
  let deepest = { depth: 0, at: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > deepest.depth) deepest = { depth, at: i };
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return { depth: deepest.depth, span: { start: deepest.at, end: deepest.at + 1 } };
}

/** `parseDiagnostics` is internal to TypeScript, but `createSourceFile` fills it for free; a checker would cost seconds. */
function firstSyntaxError(source: ts.SourceFile): FileFacts["syntaxError"] {
  const first = (source as ts.SourceFile & { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] })
    .parseDiagnostics?.[0];
  if (!first) return undefined;
  return {
    message: ts.flattenDiagnosticMessageText(first.messageText, " "),
    span: { start: first.start, end: first.start + Math.max(first.length, 1) },
  };
}

const DEFINING = ["asset", "multiAsset", "graphAsset"];

/**
 * Definition calls inside a function or a loop (an asset factory): only running the code makes those assets, so the
 * graph cannot hold them. Only top-level statements that define nothing and mention a definition function by name are
 * walked, so the bodies of ordinary definitions (most of the text) keep the top-level-only cost.
 */
function hiddenDefinitions(
  source: ts.SourceFile,
  text: string,
  sdk: SdkNames,
  definitions: readonly DefinitionFact[],
): FileFacts["hiddenDefinitions"] {
  const spellings = sdk.spellings(DEFINING);
  const defining = new Set(definitions.map((definition) => definition.span.start));
  const found: FileFacts["hiddenDefinitions"] = [];
  const visit = (node: ts.Node, nested: boolean): void => {
    if (ts.isCallExpression(node)) {
      if (!nested && defining.has(node.getStart(source))) return;
      const callee = nested ? sdk.calleeName(node.expression) : undefined;
      if (callee && DEFINING.includes(callee))
        found.push({
          callee: node.expression.getText(source),
          span: { start: node.expression.getStart(source), end: node.expression.end },
        });
    }
    const inside = nested || ts.isFunctionLike(node) || ts.isIterationStatement(node, false);
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  for (const statement of source.statements) {
    const written = text.slice(statement.pos, statement.end);
    if (spellings.some((spelling) => written.includes(spelling))) visit(statement, false);
  }
  return found;
}

/** What a binding that is no definition means to a handle naming it. */
function bindingValue(
  init: ts.Expression | undefined,
  keyword: "const" | "let" | "var",
  source: ts.SourceFile,
): ValueFact {
  if (keyword !== "const") return { type: "dynamic", what: `a \`${keyword}\` variable` };
  if (!init) return { type: "dynamic", what: "a value declared without an initializer" };
  const expr = unwrap(init);
  const ref = ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr) ? readRef(expr, source) : undefined;
  if (ref?.type === "handle") return { type: "alias", ref: ref.ref };
  const never =
    ts.isArrowFunction(expr) ||
    ts.isFunctionExpression(expr) ||
    ts.isClassExpression(expr) ||
    ts.isNumericLiteral(expr) ||
    ts.isBigIntLiteral(expr) ||
    ts.isObjectLiteralExpression(expr) ||
    ts.isArrayLiteralExpression(expr) ||
    ts.isRegularExpressionLiteral(expr) ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    expr.kind === ts.SyntaxKind.FalseKeyword ||
    expr.kind === ts.SyntaxKind.NullKeyword;
  return never ? { type: "other" } : { type: "dynamic", what: describeExpression(expr) };
}

/** The names a destructuring declaration binds. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** A written key as other files see it: its value, the name it is read from, or what it is. */
function keySurface(ref: RefFact | undefined): unknown {
  return ref?.type === "key"
    ? ref.key.value
    : ref?.type === "handle"
      ? [ref.ref.name, ref.ref.member]
      : ref && ["?", ref.what];
}

function withoutSpans(value: WrittenValue): unknown {
  switch (value.type) {
    case "array":
      return value.items.map(withoutSpans);
    case "object":
      return value.entries.map(([name, entry]) => [name, withoutSpans(entry)]);
    case "call":
      return [value.callee, value.args.map(withoutSpans)];
    case "handle":
      return [value.ref.name, value.ref.member];
    case "dynamic":
      return ["?", value.what];
    default:
      return value.value;
  }
}

function surfaceOf(facts: FileFacts): string {
  const definitions = facts.definitions.map((d) => [
    d.local,
    d.type,
    keySurface(d.options.key),
    keySurface(d.specKey),
    d.specs.map((s) =>
      s.type === "inline" ? keySurface(s.spec.specKey) : s.type === "handle" ? [s.ref.name, s.ref.member] : s.what,
    ),
  ]);
  const strings = facts.stringConsts.map(([local, text]) => [local, text.value]);
  // As written: an edit of a condition const changes what other files' assets are built from.
  const conditions = facts.conditionConsts.map(([local, { span }]) => [local, facts.text.slice(span.start, span.end)]);
  // Without spans too: what a partitionsDef naming one of them evaluates to.
  const partitions = facts.partitionValues.map(([local, value]) => [local, withoutSpans(value)]);
  // Without spans: moving a binding changes no other file's link.
  const values = facts.values.map(([local, v]) => [
    local,
    v.type === "alias" ? [v.ref.name, v.ref.member] : v.type === "dynamic" ? v.what : 0,
  ]);
  return JSON.stringify([
    facts.exports,
    facts.reexports,
    facts.imports,
    facts.bareImports,
    strings,
    conditions,
    partitions,
    values,
    facts.ops,
    facts.jobs.map((j) => j.local),
    definitions,
    // Another file names a check, schedule or sensor only to list it: which bindings are such is all it sees.
    facts.checks.map((c) => c.local),
    facts.automation.map((a) => a.local),
  ]);
}

/** Records imports and re-exports; returns how this file names the SDK's exports. */
function readImports(
  source: ts.SourceFile,
  { imports, bareImports, reexports }: Pick<FileFacts, "imports" | "bareImports" | "reexports">,
): SdkNames {
  const sdkLocals = new Map<string, string>();
  const sdkNamespaces = new Set<string>();
  const otherLocals = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause) bareImports.push(from);
      if (!clause || clause.isTypeOnly) continue;
      const fromSdk = SDK_MODULE.test(from);
      const add = (local: string, imported: string) => {
        if (fromSdk) {
          if (imported === "*") sdkNamespaces.add(local);
          else sdkLocals.set(local, imported);
        } else {
          otherLocals.add(local);
          imports.push({ local, imported, from });
        }
      };
      if (clause.name) add(clause.name.text, "default");
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(bindings.name.text, "*");
      else if (bindings)
        for (const element of bindings.elements)
          if (!element.isTypeOnly) add(element.name.text, (element.propertyName ?? element.name).text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !statement.isTypeOnly
    ) {
      const from = statement.moduleSpecifier.text;
      const clause = statement.exportClause;
      if (!clause) reexports.push({ exported: "*", imported: "*", from });
      else if (ts.isNamespaceExport(clause)) reexports.push({ exported: clause.name.text, imported: "*", from });
      else
        for (const element of clause.elements)
          reexports.push({ exported: element.name.text, imported: (element.propertyName ?? element.name).text, from });
    }
  }
  return {
    spellings(imported: readonly string[]): string[] {
      const wanted = new Set(imported);
      const locals = [...sdkLocals].filter(([, name]) => wanted.has(name)).map(([local]) => local);
      const unimported = imported.filter((name) => !sdkLocals.has(name) && !otherLocals.has(name));
      const namespaced = [...sdkNamespaces].flatMap((namespace) => imported.map((name) => `${namespace}.${name}`));
      return [...locals, ...unimported, ...namespaced];
    },
    calleeName(expr: ts.Expression): string | undefined {
      if (ts.isIdentifier(expr)) {
        const imported = sdkLocals.get(expr.text);
        if (imported !== undefined) return imported;
        // Files that use the SDK's names without importing them (fixtures, globals) still count, unless the name is imported from elsewhere.
        return SDK_EXPORTS.has(expr.text) && !otherLocals.has(expr.text) ? expr.text : undefined;
      }
      if (
        ts.isPropertyAccessExpression(expr) &&
        ts.isIdentifier(expr.expression) &&
        sdkNamespaces.has(expr.expression.text)
      )
        return expr.name.text;
      return undefined;
    },
  };
}

function readDefinition(
  callee: "asset" | "multiAsset" | "graphAsset" | "AssetSpec",
  call: ts.CallExpression,
  source: ts.SourceFile,
  sdk: SdkNames,
  text: string,
  mentions: readonly number[],
): DefinitionFact {
  const args = call.arguments;
  const start = call.getStart(source);
  const definition: DefinitionFact = {
    type:
      callee === "asset"
        ? "asset"
        : callee === "multiAsset"
          ? "multi-asset"
          : callee === "graphAsset"
            ? "graph-asset"
            : "spec",
    local: "",
    options: {},
    ins: [],
    deps: [],
    specs: [],
    checks: [],
    opCalls: [],
    span: { start, end: call.end },
    source: text.slice(start, call.end),
  };
  const optionsArg = callee === "AssetSpec" ? args[1] : args[0];
  const options = optionsArg && unwrap(optionsArg);
  if (options && ts.isObjectLiteralExpression(options)) {
    readOptions(options, source, definition, sdk, (specCall) => {
      if (sdk.calleeName(specCall.expression) !== "AssetSpec") return undefined;
      return readDefinition("AssetSpec", specCall, source, sdk, text, mentions);
    });
  }
  if (callee === "AssetSpec" && args[0]) definition.specKey = readKeyRef(args[0], source);
  if ((callee === "asset" || callee === "multiAsset") && mentions.some((at) => at >= call.pos && at < call.end)) {
    const fn = args[args.length - 1];
    const reads = fn && contextReads(unwrap(fn), hasIns(options) ? 1 : 0, source);
    if (reads) definition.contextReads = reads;
  }
  if (callee === "graphAsset") {
    const compose = args[args.length - 1];
    if (compose && (ts.isArrowFunction(compose) || ts.isFunctionExpression(compose)))
      collectCalls(compose.body, source, definition.opCalls);
  }
  return definition;
}

/** Where the file's text says "partition": the functions of the definitions it is not in are never walked. */
function partitionMentions(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf("partition"); at >= 0; at = text.indexOf("partition", at + 1)) offsets.push(at);
  return offsets;
}

/** `ins` written, even empty: the function then takes `(inputs, context)`, as at run time. */
function hasIns(options: ts.Expression | undefined): boolean {
  return !!options && ts.isObjectLiteralExpression(options) && propertyValue(options, "ins") !== undefined;
}

/** Callees of every call in evaluation order: arguments before the call that consumes them. */
function collectCalls(node: ts.Node, source: ts.SourceFile, out: BindingRef[]): void {
  if (ts.isCallExpression(node)) {
    collectCalls(node.expression, source, out);
    for (const arg of node.arguments) collectCalls(arg, source, out);
    const ref = readRef(node.expression, source);
    if (ref?.type === "handle") out.push(ref.ref);
    return;
  }
  ts.forEachChild(node, (child) => collectCalls(child, source, out));
}

function arrayProperty(object: ts.ObjectLiteralExpression, name: string): readonly ts.Expression[] {
  const value = propertyValue(object, name);
  const array = value && unwrap(value);
  return array && ts.isArrayLiteralExpression(array) ? array.elements : [];
}

/** The text of the last `/** ... *\/` comment before the statement, up to its first tag. */
function jsDocOf(text: string, statement: ts.Statement): string | undefined {
  const comments = ts.getLeadingCommentRanges(text, statement.pos);
  const last = comments?.[comments.length - 1];
  if (!last || !text.startsWith("/**", last.pos)) return undefined;
  const lines = text
    .slice(last.pos + 3, last.end - 2)
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*\*?\s?/, "").trimEnd());
  const tag = lines.findIndex((line) => line.startsWith("@"));
  const body = (tag === -1 ? lines : lines.slice(0, tag)).join("\n").trim();
  return body || undefined;
}
