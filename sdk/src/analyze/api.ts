/**
 * The analyzer's public contract: plain data with ranges, no LSP or editor types.
 * The CLI (`check`, `list`, `graph`) and the language server are thin layers over it.
 */
import type { AssetGraph, AssetNode, JobInfo, Position, Range, SourceLocation } from "../protocol/graph";

export type DiagnosticSeverity = "error" | "warning";

/** Stable codes; never renumber one, users silence and search by them. */
export const DiagnosticCodes = {
  /** Error: an upstream key or handle that names no asset of the graph. */
  missingUpstream: "AL1001",
  /** Error: two definitions produce the same key. */
  duplicateKey: "AL1002",
  /** Error: a dependency cycle, on each reference that closes it. */
  cycle: "AL1003",
  /** Error: a key that is invalid or missing. */
  invalidKey: "AL1004",
  /** Error: a job's selection does not parse (or its builder chain cannot be rendered). */
  selectionSyntax: "AL1005",
  /** Warning: a job's selection matches no asset. */
  selectionEmpty: "AL1006",
  /** Warning: an asset the Definitions does not list. */
  notInDefinitions: "AL1007",
  /** Warning, on each ignored call: the workspace has more than one Definitions, and only one is used. */
  duplicateDefinitions: "AL1008",
  /** Warning: a key, upstream, spec, selection or freshness policy written so that only running the code would tell it (a `let`, a call). */
  dynamicKey: "AL1009",
  /** Warning: an asset in a file the definitions file (`assetline.definitionsFile`, `--definitions`) does not reach. */
  notLoaded: "AL1010",
  /** Warning: `asset(...)` inside a function or a loop (an asset factory): only running the code would make it. */
  assetFactory: "AL1011",
  /** Error: the file does not parse (`check` and runs say so; editors show TypeScript's own error, so the server does not repeat it). */
  syntaxError: "AL1012",
  /**
   * Warning: the file nests too deeply to parse (TypeScript's parser runs out of stack at several hundred levels), so
   * the graph leaves it out, as an asset factory's assets; editors show it, as TypeScript cannot.
   */
  tooDeep: "AL1013",
  /** Error: an asset handle, key const, job or Definitions member imported from a specifier TypeScript resolves to no file. */
  unresolvedImport: "AL1014",
  /**
   * Error: a partitions definition or mapping the SDK refuses (a `startDate` not in `fmt`, an unknown time zone, an
   * offset out of range), or a `backfillPolicy` that is not one or has no partitions to apply to.
   */
  invalidPartitions: "AL1015",
  /** Error: a static partitions list that names a key twice, on the repeated key. */
  duplicatePartitionKey: "AL1016",
  /** Error: a partition mapping (written, or the default) that cannot map between the edge's two definitions. */
  partitionMapping: "AL1017",
  /** Error: a multi-asset whose members name different partitions definitions (one function materializes them all). */
  memberPartitions: "AL1018",
  /**
   * Error: an asset's function reads from its context what its partitions cannot give: `partitionKey`,
   * `partitionKeyRange`… without partitions, `partitionTimeWindow` with static or dynamic ones.
   */
  unpartitionedContext: "AL1019",
  /** Warning: a `partitionsDef`, partition mapping or `backfillPolicy` only running the code would tell. */
  dynamicPartitions: "AL1020",
  /** Error: a check on an asset that does not exist (with a did-you-mean), on the asset reference; or naming none. */
  missingCheckAsset: "AL1021",
  /** Error: two checks with one name on one asset, on the second's name. */
  duplicateCheck: "AL1022",
  /** Warning: a blocking check on an external asset (`AssetSpec`): nothing it could block runs here. */
  blockingExternalCheck: "AL1023",
  /** Error: a freshness policy or `checks.freshness` argument with a bad duration or cron string, at its column. */
  invalidFreshness: "AL1024",
  /** Warning: a check the analyzer cannot follow: its asset, its name, or the entry listing it only running the code tells. */
  dynamicCheck: "AL1025",
  /** Error: an asset requests a resource key the Definitions does not provide (with a did-you-mean), on the key. */
  missingResource: "AL1026",
  /**
   * Error: a schedule's or automation condition's cron or time zone, a sensor's `minimumInterval` or a run-status
   * sensor's `status` that the SDK refuses, at its column; a condition call the builder refuses (a `.without` that
   * matches no operand).
   */
  invalidAutomation: "AL1028",
  /**
   * Error: a schedule or sensor targeting a job that does not exist (with a did-you-mean), a selection that does not
   * parse, or naming both or neither of `job` and `selection`.
   */
  automationTarget: "AL1029",
  /** Warning: an automation condition, schedule or sensor only running the code would tell (the asset then shows none). */
  dynamicAutomation: "AL1030",
  /** Error: an `io` option (an asset's or the Definitions') that names no IO manager (with a did-you-mean), on the value. */
  invalidIo: "AL1027",
} as const;
export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

export interface AnalyzerDiagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  /** Says what is wrong and how to fix it. */
  message: string;
  /** Absolute path, forward slashes. */
  file: string;
  range: Range;
  /** Other places involved: the other duplicate, the rest of a cycle. */
  related?: { location: SourceLocation; message: string }[];
  /** For quick fixes: the key that is missing and the closest existing key. */
  data?: { missingKey?: string; suggestion?: string };
}

/** What sits at a position: an asset's own name, a reference to it (handle or key string), or a key in a selection. */
export interface AssetAt {
  key: string;
  role: "definition" | "reference" | "selection";
  /** The range of the name, handle or key text (for a key string: inside the quotes). */
  range: Range;
}

export interface KeyCompletion {
  /** `key`: inside `ins`, `deps` or a key argument; `selection`: inside a selection string. */
  context: "key" | "selection";
  /** The text the completion replaces. */
  range: Range;
  keys: string[];
}

/** One asset of the graph with the keys next to it, for editor features that need one asset rather than the graph. */
export interface AssetDetail {
  node: AssetNode;
  /** Keys it reads from and keys that read it, each once, in edge order. */
  upstream: string[];
  downstream: string[];
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface AnalyzerOptions {
  /** Workspace root, absolute. */
  root: string;
  /**
   * Only this file (relative to root) holds or leads to the definitions, when auto-discovery is not wanted. The graph
   * is then what the runner loads: the assets of the files it reaches through imports and re-exports.
   */
  definitionsFile?: string;
  /** The clock a node's partition `count` is taken at (time windows without an end grow with it); now by default. */
  now?: () => Date;
}

export interface Analyzer {
  /** Reads every TypeScript file of the workspace from disk (skipping node_modules, dist, .assetline) and analyzes it. */
  loadFromDisk(): void;
  /** Re-analyzes one file from its text; returns the files whose diagnostics may have changed. */
  update(file: string, text: string): string[];
  /** Forgets a deleted file; returns the files whose diagnostics may have changed. */
  remove(file: string): string[];
  /**
   * A tsconfig.json or package.json changed (or a package was installed): every import is resolved again. Returns the
   * files whose diagnostics may have changed.
   */
  configChanged(): string[];
  /** The workspace file an import of `from` resolves to, as the analyzer resolves it (the runner bundles with it). */
  moduleOf(from: string, specifier: string): string | undefined;
  files(): string[];
  /** The modules the runner loads: every file that defines an asset, spec, job or the Definitions (with a definitions file, of those it reaches). */
  entryFiles(): string[];
  /** The same object until an update, remove or load changes something. */
  graph(): AssetGraph;
  /** The graph's assets whose name (key string or binding) is written in this file: its share of graph(), cheaper to ask after every edit. */
  assetsIn(file: string): AssetDetail[];
  /** The jobs defined in this file, as graph() lists them; cheaper to ask after every edit. */
  jobsIn(file: string): JobInfo[];
  /** The graph's asset with this key, or null. */
  asset(key: string): AssetDetail | null;
  /** Diagnostics of one file, or of the whole workspace. */
  diagnostics(file?: string): AnalyzerDiagnostic[];
  assetAt(file: string, position: Position): AssetAt | null;
  definitionOf(key: string): SourceLocation | null;
  /**
   * Every use of the asset: downstream `ins`/`deps`, job selections, Definitions entries, its checks' `asset` (and
   * the calls of its inline checks); not the definition itself.
   */
  references(key: string): SourceLocation[];
  completionsAt(file: string, position: Position): KeyCompletion | null;
  /** Edits that rename a key everywhere it is written as a string, and its explicit `key`. */
  renameKey(key: string, newKey: string): TextEdit[];
}
