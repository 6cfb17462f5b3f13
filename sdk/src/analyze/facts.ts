/**
 * What one file yields, kept instead of its syntax tree: plain data with offsets.
 * The link phase (link.ts) resolves names across files from these facts alone.
 */
import type { Span } from "./lineIndex";
import type { DefinitionType } from "../protocol/graph";

/** A string literal: its value and the span of its text inside the quotes. */
export interface StringFact {
  value: string;
  span: Span;
}

/** A name that may point at a definition: `orders`, or `ns.orders` through `import * as ns`. */
export interface BindingRef {
  name: string;
  /** Set for `ns.member`. */
  member?: string;
  span: Span;
}

/** Written where the analyzer cannot follow it (a call, a template with substitutions): what it is, and its text for messages. */
export interface DynamicFact {
  /** Completes "`text` is ...": "a function call". */
  what: string;
  /** The expression as written, shortened. */
  text: string;
  span: Span;
}

/**
 * A key or upstream as written: in `ins`/`deps`, a `key` option, `AssetSpec`'s argument, a Definitions entry.
 * A handle may name an asset or a top-level string const; the link phase tells which.
 */
export type RefFact =
  | { type: "handle"; ref: BindingRef }
  | { type: "key"; key: StringFact }
  | ({ type: "dynamic" } & DynamicFact);

/**
 * A value written in a partitions definition, a partition mapping or a backfill policy, kept as data until the link
 * phase evaluates it (names may be imported). `call` is one of the SDK's partition constructors (`callee` is its
 * exported name, however the file spells it); any other expression is `dynamic`.
 */
export type WrittenValue =
  | { type: "string"; value: string; span: Span }
  | { type: "number"; value: number; span: Span }
  | { type: "boolean"; value: boolean; span: Span }
  | { type: "array"; items: WrittenValue[]; span: Span }
  | { type: "object"; entries: [name: string, value: WrittenValue][]; span: Span }
  | { type: "call"; callee: string; args: WrittenValue[]; span: Span }
  | { type: "handle"; ref: BindingRef }
  | ({ type: "dynamic" } & DynamicFact);

/** An entry of `ins` or `deps`: the upstream, and the partition mapping written with it (`AssetIn(x, { partitionMapping })`). */
export type UpstreamFact = RefFact & { mapping?: WrittenValue };

/** `ctx.partitionKey` (or a destructured `partitionKey`) read in an asset's function, through its context parameter. */
export interface ContextReadFact {
  name: string;
  span: Span;
}

export interface OptionsFact {
  key?: RefFact;
  group?: string;
  description?: string;
  tags?: Record<string, string>;
  kinds?: string[];
  owners?: string[];
  codeVersion?: string;
  /** Dagster's pool, written as a string (`pool: "warehouse"`): its steps share the pool's limit. */
  pool?: string;
  /** Multi-assets: `canSubset: true` or `false`, written literally. */
  canSubset?: boolean;
  partitionsDef?: WrittenValue;
  backfillPolicy?: WrittenValue;
  /** `freshness: { maximumLag, cron?, cronTimezone? }`. */
  freshness?: FreshnessFact;
  /** The resource keys it requests that the analyzer can read: `["warehouse"]`, a key const, `{ warehouse }`'s names. */
  resources?: ResourceRequestFact[];
  /** `automationCondition: AutomationCondition.eager()…` as written. */
  automationCondition?: ConditionFact;
  /** The `io` option: a string, a top-level const holding one, or what only running the code tells. */
  io?: RefFact;
}

/**
 * An automation condition as written: `AutomationCondition.<builder>(args)` then method calls (`.without(c)`,
 * `.withLabel("x")`), each argument a condition written the same way or a string (a literal or a top-level const).
 * The link phase builds the condition with the SDK's own builder, so the data is the runtime's.
 */
export type ConditionFact =
  /** `base`: the chain starts at a top-level const holding a condition (`nightly.without(…)`), not at `AutomationCondition`. */
  { type: "chain"; base?: BindingRef; calls: ConditionCallFact[]; span: Span } | ({ type: "dynamic" } & DynamicFact);

export interface ConditionCallFact {
  /** The builder (first call) or the method. */
  method: string;
  args: ({ type: "condition"; condition: ConditionFact } | RefFact)[];
  /** The method's name, where a problem with the call is said. */
  span: Span;
}

/** `schedule(...)`, `sensor(...)`, `assetSensor(...)` or `runStatusSensor(...)` at the top level, as written. */
export interface AutomationFact {
  call: "schedule" | "sensor" | "assetSensor" | "runStatusSensor";
  local: string;
  localSpan?: Span;
  /** Each option as written: a string literal, a top-level const holding one, or what only running the code tells. */
  name?: RefFact;
  cron?: RefFact;
  /** `timezone`, or its alias `executionTimezone`. */
  timezone?: RefFact;
  minimumInterval?: RefFact;
  /** A job handle (or what cannot be followed). */
  job?: RefFact;
  selection?: SelectionFact;
  /** An asset sensor's asset. */
  asset?: RefFact;
  status?: StringFact;
  monitoredJobs?: RefFact[];
  /** `"latest"`, a function, or something else (left to the runtime). */
  partitions?: "latest" | "function";
  description?: string;
  /** A second argument was written: the sensor's function. */
  hasFunction: boolean;
  /** The options object, or the call when there is none. */
  optionsSpan: Span;
  span: Span;
}

/** A requested resource key; `shorthand` for `{ warehouse }`, where the name is also a variable's. */
export type ResourceRequestFact = RefFact & { shorthand?: true };

/** A freshness policy as written (an asset's `freshness` option, `checks.freshness(...)`'s argument). */
export interface FreshnessFact {
  /** Each field as written: a string literal, a top-level const holding one, or what only running the code tells. */
  maximumLag?: RefFact;
  cron?: RefFact;
  cronTimezone?: RefFact;
  /** The object literal, or the expression written instead of one. */
  span: Span;
  /** Written as something other than an object literal. */
  dynamic?: DynamicFact;
}

/**
 * A check's name as written: a string (a builtin's prefix included: `unique_` + the column), a top-level const that
 * holds one (followed in the link phase, the prefix then added), or what only running the code would tell.
 */
export type CheckNameFact =
  | ({ type: "string" } & StringFact)
  | { type: "const"; prefix: string; ref: BindingRef }
  | ({ type: "dynamic" } & DynamicFact);

/** One check a check definition declares: an `assetCheck` or builtin declares one, a `multiAssetCheck` one per spec. */
export interface CheckSpecFact {
  /** The `name` option; for a builtin without one, its own name (from its column, or the call's callee). */
  name?: CheckNameFact;
  /** The `asset` option; absent inline, where it is the asset's. */
  asset?: RefFact;
  blocking: boolean;
  /** Where `blocking: true` is written. */
  blockingSpan?: Span;
  description?: string;
  /** The spec object (a multiAssetCheck's) or the call. */
  span: Span;
}

/** `assetCheck(...)`, `multiAssetCheck(...)` or a builtin `checks.unique(...)`, as written. */
export interface CheckFact {
  /** `multiAssetCheck` or `assetCheck` (a builtin counts as one); inline-ness is where it is written. */
  call: "assetCheck" | "multiAssetCheck";
  /** The top-level binding it is assigned to; empty when written in a list (an asset's or the Definitions' `checks`). */
  local: string;
  localSpan?: Span;
  specs: CheckSpecFact[];
  /** `ins` as written: the assets it reads; absent when not written (a multiAssetCheck then reads its specs' assets). */
  ins?: UpstreamFact[];
  /** `checks.freshness(...)`'s policy, checked as an asset's `freshness` option is. */
  freshness?: FreshnessFact;
  /** The resource keys it requests that the analyzer can read, as an asset's `resources`. */
  resources?: ResourceRequestFact[];
  /** The call. */
  span: Span;
}

/** An entry of a `checks: [...]` list: a check written there, a name for one, or something the analyzer cannot follow. */
export type CheckEntryFact =
  | { type: "inline"; check: CheckFact }
  | { type: "handle"; ref: BindingRef }
  | ({ type: "dynamic" } & DynamicFact);

export type { DefinitionType };

/** A multi-asset spec written inline (`AssetSpec("users")`), by name, or in a form the analyzer cannot follow. */
export type SpecFact =
  | { type: "inline"; spec: DefinitionFact }
  | { type: "handle"; ref: BindingRef }
  | ({ type: "dynamic" } & DynamicFact);

export interface DefinitionFact {
  type: DefinitionType;
  /** The top-level binding it is assigned to (`default` for `export default asset(...)`). */
  local: string;
  /** The binding name's span (absent for a spec written inline in a multi-asset). */
  localSpan?: Span;
  options: OptionsFact;
  /** `AssetSpec`'s first argument. */
  specKey?: RefFact;
  ins: UpstreamFact[];
  deps: UpstreamFact[];
  specs: SpecFact[];
  /** Its `checks: [...]`. */
  checks: CheckEntryFact[];
  /** Graph assets: the ops called in the composition, innermost first (the order they run). */
  opCalls: BindingRef[];
  /**
   * The partition properties its function reads from its context (`partitionKey`, `partitionKeyRange`,
   * `partitionTimeWindow`…), absent when it reads none; `guarded` when it also reads `hasPartitionKey`.
   */
  contextReads?: { reads: ContextReadFact[]; guarded: boolean };
  /** The JSDoc comment on the statement, first paragraph text. */
  jsDoc?: string;
  /** The definition call. */
  span: Span;
  /** The call's source text: hashed into a code version only when a node's codeVersion is read (see sourceVersion.ts). */
  source: string;
}

/** An argument of an `AssetSelection` builder call, kept as data until handles can be resolved to keys. */
export type BuilderArg =
  /** `span`: a string's text inside the quotes, where completion and rename apply. */
  | { type: "literal"; value: string | number | boolean; span?: Span }
  | { type: "handle"; ref: BindingRef }
  | { type: "builder"; chain: BuilderCall[] };

/** `AssetSelection.keys("a").upstream()` is [{ method: "keys", args: ["a"] }, { method: "upstream", args: [] }]. */
export interface BuilderCall {
  method: string;
  args: BuilderArg[];
}

export type SelectionFact =
  | { type: "string"; text: StringFact }
  | { type: "builder"; chain: BuilderCall[]; span: Span }
  /** A name: a top-level string const, here or imported, when the link phase can follow it. */
  | { type: "handle"; ref: BindingRef }
  /** Written in a form the analyzer cannot follow (a call, a computed string). */
  | ({ type: "dynamic" } & DynamicFact);

export interface JobFact {
  local: string;
  localSpan: Span;
  name?: StringFact;
  selection?: SelectionFact;
  span: Span;
}

export interface DefinitionsFact {
  local: string;
  assets: RefFact[];
  jobs: BindingRef[];
  checks: CheckEntryFact[];
  /** Its `schedules` and `sensors` entries that name a binding. */
  schedules: BindingRef[];
  sensors: BindingRef[];
  /** The keys of its `resources` object; undefined when only running the code would tell them (a call, a spread). */
  resources: string[] | undefined;
  /** Its `io` option, the default IO manager of assets without their own. */
  io?: RefFact;
  span: Span;
  /** `Definitions` in `new Definitions(...)`: where a diagnostic about the call as a whole goes. */
  calleeSpan: Span;
}

/** `import { a as b } from "./x"` gives { local: "b", imported: "a" }; `import * as ns` gives imported "*". */
export interface ImportFact {
  local: string;
  imported: string;
  from: string;
}

/** `export { a as b } from "./x"` (imported "a", exported "b") and `export * from "./x"` (both "*"). */
export interface ReexportFact {
  exported: string;
  imported: string;
  from: string;
}

export interface FileFacts {
  /** Absolute path, forward slashes. */
  file: string;
  /** Relative to the workspace root, forward slashes: how messages name the file. */
  path: string;
  /**
   * The text it was extracted from: an update with the same text changes nothing. Kept anyway, as the definitions'
   * sources (sliced from it) are hashed into code versions only when read; comparing it costs less than hashing it.
   */
  text: string;
  /**
   * Everything other files can see of this one through imports (exports, re-exports, imports, top-level names
   * and the keys they carry). Another file's link stays valid across an edit here while this is unchanged.
   */
  surface: string;
  lineStarts: Uint32Array;
  imports: ImportFact[];
  /** `import "./x"`: specifiers imported for their side effects only (they still load the file). */
  bareImports: string[];
  reexports: ReexportFact[];
  /** Exported name -> local binding, in source order. */
  exports: [exported: string, local: string][];
  definitions: DefinitionFact[];
  jobs: JobFact[];
  definitionsCalls: DefinitionsFact[];
  /** Top-level check definitions (`export const c = assetCheck(...)`), in source order. */
  checks: CheckFact[];
  /** Top-level schedules and sensors, in source order. */
  automation: AutomationFact[];
  /** `const x = op("name", ...)`: local binding -> op name. */
  ops: [local: string, name: string][];
  /** Top-level `const c = AutomationCondition.…` chains: what a condition may start from or take as an argument. */
  conditionConsts: [local: string, value: ConditionFact][];
  /** Top-level `const k = "key"` (or `as const`): a handle naming it is a key; the span lets a rename edit it. */
  stringConsts: [local: string, value: StringFact][];
  /** Top-level `const daily = DailyPartitionsDefinition(...)` and mappings: what a `partitionsDef` or `partitionMapping` may name. */
  partitionValues: [local: string, value: WrittenValue][];
  /** The other top-level bindings (and functions, classes, enums): what a handle naming one of them means. */
  values: [local: string, value: ValueFact][];
  /** `asset(...)`, `multiAsset(...)`, `graphAsset(...)` inside a function or a loop (an asset factory), as written: never in the graph. */
  hiddenDefinitions: { callee: string; span: Span }[];
  /** The parser's first error (later ones mostly follow from it): the file's facts may then be incomplete. */
  syntaxError?: { message: string; span: Span };
  /** The file nests too deeply to parse (the parser ran out of stack): its facts are empty. Where brackets nest deepest. */
  tooDeep?: { depth: number; span: Span };
}

/** A top-level binding that is no definition, job, op, Definitions or key string. */
export type ValueFact =
  /** `const b = a` or `const b = ns.a`: followed to what it names. */
  | { type: "alias"; ref: BindingRef }
  /** May hold a key at run time, but which one the analyzer cannot tell: a `let`, a call, a template with substitutions. */
  | { type: "dynamic"; what: string }
  /** Can be neither a key nor an asset: a function, a class, a number, an object. */
  | { type: "other" };
