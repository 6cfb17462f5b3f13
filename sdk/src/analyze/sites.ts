/**
 * The shapes the link phase passes between its parts (link.ts, linkFile.ts, linkJobs.ts, linkDefinitions.ts) and
 * hands to the queries: plain data with the places they are written. Kept here so those files import these, not
 * each other.
 */
import type { AssetCheckNode } from "../protocol/checks";
import type { AssetNode, EdgeKind, JobInfo } from "../protocol/graph";
import type { PartitionMappingData } from "../protocol/partitions";
import type { AnalyzerDiagnostic } from "./api";
import type { Span } from "./lineIndex";
import type { CheckFact, CheckSpecFact, DefinitionFact, DefinitionsFact, FileFacts, RefFact } from "./facts";
import type { FileLink } from "./linkFile";
import type { ScheduleSite, SensorSite } from "./linkAutomation";
import type { Reporter, Site } from "./report";
import type { Resolver } from "./resolve";

/** A node without locations, and with a code version only when one is written; the rest is computed when the graph is asked for. */
export type SiteNode = Omit<AssetNode, "codeVersion" | "location" | "nameLocation"> & { codeVersion?: string };

export interface NodeSite {
  node: SiteNode;
  /** The whole definition. */
  location: Site;
  /** Its key string or binding name. */
  name: Site;
  /** The written key (`key:` option or `AssetSpec` argument), which a rename edits. */
  keyLiteral?: Site;
  /** The top-level definition that produces it (whose source gives the code version), and that definition's binding name. */
  owner: DefinitionFact;
  binding: Site;
  /** `kinds` as written: `node.kinds` adds its IO manager's (linkIo.ts), which the Definitions may choose. */
  writtenKinds: readonly string[];
  /** Its `partitionsDef` is written so that only running the code would tell it: no partition check applies. */
  partitionsUnknown?: true;
}

export interface EdgeSite {
  from: string;
  to: string;
  kind: EdgeKind;
  reference: Site;
  /** The partition mapping written on the reference, and where (in the reference's file). */
  mapping?: PartitionMappingData;
  mappingSpan?: Span;
  /** A mapping is written, but only running the code would tell it. */
  mappingUnknown?: true;
  /** The linker's numbers for `from` and `to`, set once (see KeyNumbers). */
  numbers?: [from: number, to: number];
}

/**
 * One check as a file's link reads it (a multiAssetCheck: one per spec). Whether it is in the graph is decided
 * across files (linkChecks.ts): by where it is written (`origin`) and whether its asset exists.
 */
export interface CheckSite {
  /** The node without locations; `asset` undefined when the analyzer could not read one (reported already). */
  node: Omit<AssetCheckNode, "key" | "asset" | "location" | "assetLocation"> & { asset?: string };
  /** The check's call. */
  location: Site;
  /** Where its asset is named (absent inline). */
  asset?: Site;
  /** Its name as written (`name`, a builtin's column or call, the binding): where a duplicate is reported. */
  name: Site;
  blocking?: Site;
  /** The check as written: one written once counts once, however many ways it reaches the graph. */
  spec: CheckSpecFact;
  fact: CheckFact;
  /**
   * `inline`: in an asset's `checks`; `exported`: a top-level check exported; `top`: one not exported (in the graph
   * when the Definitions lists it); a Definitions call: written inside that call's `checks`.
   */
  origin: "inline" | "exported" | "top" | DefinitionsFact;
}

/** A check of the graph: its asset is read, and exists. */
export type GraphCheckSite = CheckSite & { node: { asset: string } };

export interface JobSite {
  info: JobInfo;
  location: Site;
}

/** Where a key is written or named: asset names, upstream references, Definitions entries, keys in selections. */
export interface KeySite extends Site {
  key: string;
  role: "definition" | "reference" | "selection";
  /** Written as a string (inside quotes): completion and rename apply. */
  literal: boolean;
}

/** One link's result. It refers to no earlier link, so each is garbage once the analyzer holds the next. */
export interface Linked {
  /** The graph's nodes: each key's first definition. */
  nodes(): readonly NodeSite[];
  /** The graph's node of a key: its first definition. */
  nodeOf(key: string): NodeSite | undefined;
  edges: EdgeSite[];
  jobs: JobSite[];
  /** The graph's checks. */
  checks: GraphCheckSite[];
  /** The graph's schedules and sensors. */
  schedules: ScheduleSite[];
  sensors: SensorSite[];
  diagnostics: Map<string, AnalyzerDiagnostic[]>;
  /** Per file: its own sites from its cached link; plus the Definitions' and jobs' sites. */
  fileLinks: FileLink[];
  extraKeySites: KeySite[];
  /** Every job's selection string, for completion inside it. */
  selectionStrings: (Site & { text: string })[];
  /** Listed when the runner asks: editors never do, so an edit does not pay for it. */
  entryFiles(): string[];
  hasCycles: boolean;
}

/** What the Definitions and jobs are linked against: one object instead of a list of positional arguments. */
export interface LinkContext {
  /** The files the runner loads: all, or those the definitions file reaches. */
  loadedFiles: readonly FileFacts[];
  definitionsFile: string | undefined;
  resolver: Resolver;
  report: Reporter;
  /** The graph's nodes (listed when first asked) and edges. */
  nodes(): readonly NodeSite[];
  nodeOf(key: string): NodeSite | undefined;
  edges: readonly EdgeSite[];
  /** A reference's key when an asset has it; otherwise undefined, and the problem reported. Records its key sites. */
  refKey(file: FileFacts, ref: RefFact, what: string): string | undefined;
  /** Key sites outside the files' own links (Definitions entries, keys in selections): collected here. */
  keySites: KeySite[];
}
