/** What the extension's `activate()` returns, for the real-editor tests. */
export interface AssetlineApi {
  /** Resolves with the webview's latest `RenderedMessage` once the lineage panel has rendered. */
  lineageRendered(): Promise<{ nodes: number; edges: number }>;
  /**
   * The latest run the editor started: `running` until its `run_finished` event arrives. When the CLI refuses before
   * starting a run (a selection that does not parse, definitions that do not load), `runId` is "" and `status` "failed".
   */
  lastRun(): { runId: string; status: string } | undefined;
  /** The Testing view's check items as `file › asset › check key`, in the view's order. */
  checkItems(): string[];
  /** Each check's latest result the Testing view shows (`passed`, `failed`, `skipped`, `errored`), by check key. */
  checkStates(): Record<string, string>;
}
