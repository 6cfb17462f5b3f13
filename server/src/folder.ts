/** One workspace folder: its analyzer (the graph and diagnostics) and its statuses (the store), built from its settings. */
import { createAnalyzer } from "assetline/analyze";
import type { Analyzer } from "assetline/analyze";
import { isSourceFile } from "assetline/analyze";
import type { DiagnosticsPublisher } from "./diagnostics";
import type { FolderSettings } from "./folderSettings";
import { StatusCache, type StatusEvents } from "./statusCache";

export class Folder {
  readonly analyzer: Analyzer;
  readonly statuses: StatusCache;

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
    this.statuses = new StatusCache(root, settings.storeFolder, settings.definitionsFile, events);
  }

  /** Re-analyzes one file and publishes the diagnostics of every file that may have changed with it. */
  update(file: string, text: string): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.update(file, text));
  }

  remove(file: string): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.remove(file));
  }

  /** A tsconfig.json or package.json changed: imports are resolved again, and the diagnostics that moved published. */
  configChanged(): void {
    this.diagnostics.publish(this.analyzer, this.analyzer.configChanged());
  }

  /** Whether the analyzer should see this file: one it would read from disk itself (not a dependency or build output). */
  owns(file: string): boolean {
    return file.startsWith(`${this.root}/`) && isSourceFile(file.slice(this.root.length + 1));
  }
}
