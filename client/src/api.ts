/** What the extension's `activate()` returns, for the real-editor tests. */
export interface AssetlineApi {
  /** Resolves with the webview's latest `RenderedMessage` once the lineage panel has rendered. */
  lineageRendered(): Promise<{ nodes: number; edges: number }>;
  /**
   * The latest run the editor started: `running` until its `run_finished` event arrives. When the CLI refuses before
   * starting a run (a selection that does not parse, definitions that do not load), `runId` is "" and `status` "failed".
   */
  lastRun(): { runId: string; status: string } | undefined;
  /** The Testing view's check items as `file › asset › check key` with their line (zero-based), in the view's order. */
  checkItems(): { path: string; line: number }[];
  /**
   * Each check's latest result the Testing view shows (`running`, `passed`, `failed`, `skipped`, `errored`), the run
   * it came from (a live run's or the store's newest) and its message, by check key.
   */
  checkStates(): Record<string, { state: string; runId: string | undefined; message?: string }>;
}
