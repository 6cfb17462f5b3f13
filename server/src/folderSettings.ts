/**
 * Each workspace folder's `assetline` settings. A client that answers `workspace/configuration` (VS Code, Neovim) is
 * asked per folder, as vscode-eslint does; whatever its answer leaves out falls back to the initialization options,
 * then to the defaults, so a plain client with no settings at all keeps working.
 */
import { resolve } from "node:path";
import type { Connection } from "vscode-languageserver/node";
import { DEFAULT_STORE_FOLDER, redactUrl, SETTINGS_SECTION, type AssetlineFolderSettings } from "assetline/protocol";
import { pathToUri } from "./convert";
import type { CliTarget } from "./workspaceCli";

/** The settings one folder runs with, trimmed as the extension trims them for the CLI's `--store`/`--definitions`. */
export interface FolderSettings {
  storeFolder: string;
  definitionsFile: string | undefined;
  /** The shared store's URL, password included: given to the CLI only in its environment, shown only redacted. */
  store: string | undefined;
}

export function sameSettings(a: FolderSettings, b: FolderSettings): boolean {
  return a.storeFolder === b.storeFolder && a.definitionsFile === b.definitionsFile && a.store === b.store;
}

/** Where the folder's CLI reads: the same store and definitions the extension passes to its runs. */
export function cliTarget(root: string, settings: FolderSettings): CliTarget {
  return {
    root,
    storeDir: resolve(root, settings.storeFolder),
    ...(settings.definitionsFile && { definitionsFile: settings.definitionsFile }),
    ...(settings.store && { storeUrl: settings.store }),
  };
}

/** The store as messages name it: a shared store's URL without its password, else the folder. */
export function storeName(settings: FolderSettings): string {
  return settings.store ? redactUrl(settings.store) : settings.storeFolder;
}

export class FolderSettingsReader {
  constructor(
    private readonly connection: Connection,
    /** The client declared `workspace.configuration`; asking one that did not would only fail. */
    private readonly canAsk: boolean,
    private readonly fallback: AssetlineFolderSettings,
  ) {}

  /** The settings of each root, in order. A client that fails to answer leaves every root on the fallback, logged. */
  async read(roots: string[]): Promise<FolderSettings[]> {
    if (!this.canAsk || roots.length === 0) return roots.map(() => this.resolve(undefined));
    let answers: unknown[];
    try {
      answers = await this.connection.workspace.getConfiguration(
        roots.map((root) => ({ scopeUri: pathToUri(root), section: SETTINGS_SECTION })),
      );
    } catch (error) {
      this.connection.console.error(
        `Assetline could not read the ${SETTINGS_SECTION} settings from the editor, so it uses the initialization options: ${String(error)}`,
      );
      answers = [];
    }
    return roots.map((_, index) => this.resolve(answers[index]));
  }

  private resolve(answer: unknown): FolderSettings {
    const given = (answer ?? {}) as Record<string, unknown>;
    const pick = (name: keyof AssetlineFolderSettings): string | undefined => {
      const value = typeof given[name] === "string" ? given[name] : this.fallback[name];
      return value?.trim() || undefined;
    };
    return {
      storeFolder: pick("storeFolder") ?? DEFAULT_STORE_FOLDER,
      definitionsFile: pick("definitionsFile"),
      store: pick("store"),
    };
  }
}
