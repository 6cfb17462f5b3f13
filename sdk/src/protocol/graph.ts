/** The asset graph as every process sees it: analyzer output, CLI `graph --json`, server and webview input. */

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A range in a file; `file` is an absolute path with forward slashes. */
export interface SourceLocation {
  file: string;
  range: Range;
}

/**
 * `asset`: one `asset(...)` call; `multi-asset-member`: one spec of a `multiAsset`;
 * `graph-asset`: a `graphAsset(...)` built from ops; `external`: an `AssetSpec` produced elsewhere.
 */
export type AssetKind = "asset" | "multi-asset-member" | "graph-asset" | "external";

/** The SDK call a definition is written with; the analyzer and the runtime both map it to the kind of its assets. */
export type DefinitionType = "asset" | "multi-asset" | "graph-asset" | "spec";

export const ASSET_KIND_OF: Readonly<Record<DefinitionType, AssetKind>> = {
  asset: "asset",
  "multi-asset": "multi-asset-member",
  "graph-asset": "graph-asset",
  spec: "external",
};

/** `data`: declared in `ins`, the upstream value is loaded; `order`: declared in `deps`, ordering only. */
export type EdgeKind = "data" | "order";

export interface AssetNode {
  key: string;
  kind: AssetKind;
  /** `default` when the definition names none, as in Dagster. */
  group: string;
  tags: Record<string, string>;
  kinds: string[];
  owners: string[];
  description?: string;
  /** The explicit `codeVersion`, or the hash of the definition's source (see codeVersion()). */
  codeVersion: string;
  /** The exported binding that defines this asset (for a multi-asset member: the multi-asset's binding). */
  definedBy?: string;
  /**
   * Multi-asset members, which one step materializes together: the multi-asset's first member key (the same for every
   * member, so it names the step's definition) and whether a run may materialize only the selected members.
   */
  multiAsset?: { firstKey: string; canSubset: boolean };
  /** Ops of a graph asset, in call order. */
  ops?: string[];
  /** The whole definition (the call expression). Absent for nodes built at run time. */
  location?: SourceLocation;
  /** The asset's name: its key string when one is given, else the exported binding's name. */
  nameLocation?: SourceLocation;
}

export interface AssetEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** The reference in the downstream definition (handle or key string). */
  location?: SourceLocation;
}

export interface JobInfo {
  name: string;
  /** The selection as written (string syntax), or the builder expression rendered to the string syntax. */
  selection: string;
  location?: SourceLocation;
}

export interface AssetGraph {
  nodes: AssetNode[];
  edges: AssetEdge[];
  jobs: JobInfo[];
}
