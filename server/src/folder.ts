/** One workspace folder: its analyzer (the graph and diagnostics) and its statuses (the store), built from its settings. */
import { createAnalyzer } from "assetline/analyze";
import type { Analyzer } from "assetline/analyze";
import { isSourceFile } from "assetline/analyze";
import type { DiagnosticsPublisher, StoreDiagnostics } from "./diagnostics";
import { cliTarget, type FolderSettings } from "./folderSettings";
import { overdueDiagnostics, overdueFiles } from "./freshnessDiagnostics";
import { StatusCache, type StatusEvents } from "./statusCache";

export class Folder {
  readonly analyzer: Analyzer;
  readonly statuses: StatusCache;
  /** Overdue assets' warnings, published with the analyzer's diagnostics of their files. */
  private readonly overdue: StoreDiagnostics = {
    of: (file) => overdueDiagnostics(this.analyzer, this.statuses, file),
    files: () => overdueFiles(this.analyzer, this.statuses),
  };

  constructor(
    /** Absolute, forward slashes, no trailing slash. */
    readonly root: string,
    readonly settings: FolderSettings,
    readonly diagnostics: DiagnosticsPublisher,
    events: StatusEvents,
  ) {
    this.analyzer = createAnalyzer({
      root,
      ...(settings.definitionsFile ? { definitionsFile: settings.definitionsFile } : {}),
    });
    // The same store and definitions the extension passes to its runs, so lenses read what its runs write.
    this.statuses = new StatusCache(
      cliTarget(root, settings),
      events,
      () => (this.analyzer.graph().schedules?.length ?? 0) > 0,
    );
  }

  /** Re-analyzes one file and publishes the diagnostics of every file that may have changed with it. */
  update(file: string, text: string): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.update(file, text), this.overdue);
  }

  remove(file: string): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.remove(file), this.overdue);
  }

  /** A tsconfig.json or package.json changed: imports are resolved again, and the diagnostics that moved published. */
  configChanged(): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.configChanged(), this.overdue);
  }

  /** After a full load: every file's diagnostics. */
  publishAll(): void {
    this.diagnostics.publishAll(this.analyzer, this.overdue);
  }

  /** The statuses were read again (or dropped): the overdue warnings follow them. */
  statusesChanged(): void {
    this.diagnostics.storeChanged(this.analyzer, this.overdue);
  }

  /** Whether the analyzer should see this file: one it would read from disk itself (not a dependency or build output). */
  owns(file: string): boolean {
    return file.startsWith(`${this.root}/`) && isSourceFile(file.slice(this.root.length + 1));
  }
}
