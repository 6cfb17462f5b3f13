/**
 * The daemon's incremental esbuild context for the workspace's bundle: rebuilt when the watcher sees a change (esbuild
 * re-reads the sources and re-parses only what changed), each result written once under its content's hash in the
 * store's build folder, so a run process keeps the file it started with while the next one is written. The daemon
 * never loads a bundle: only run processes do.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BuildContext, context, type Format } from "esbuild";
import { bundleError, bundleOptions, type ModuleOf, workspaceFormat } from "../../run/bundleOptions";

export interface BundleSources {
  entryFiles: string[];
  moduleOf: ModuleOf;
}

export interface Bundle {
  path: string;
  format: Format;
  entryFiles: string[];
}

export class WarmBundle {
  /** Made again only when the entry files or the module format change (the virtual entry imports the entry files). */
  private current?: { key: string; context: Promise<BuildContext> };
  private readonly written = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
    private readonly buildDir: string,
  ) {
    // Only the store's one daemon writes `warm-*` bundles: any there now are a killed daemon's.
    if (existsSync(buildDir))
      for (const name of readdirSync(buildDir))
        if (name.startsWith("warm-")) rmSync(join(buildDir, name), { force: true });
  }

  /** The bundle of the sources as they are on disk now (one build at a time); throws esbuild's errors in our words. */
  build(sources: BundleSources): Promise<Bundle> {
    const built = this.queue.then(() => this.rebuild(sources));
    this.queue = built.catch(() => undefined);
    return built;
  }

  /** Removes the files written before but `keep`: the run processes that need them have loaded them. */
  prune(keep: string[]): void {
    for (const path of this.written) {
      if (keep.includes(path)) continue;
      rmSync(path, { force: true });
      this.written.delete(path);
    }
  }

  async close(): Promise<void> {
    await this.queue;
    await this.dispose();
    this.prune([]);
  }

  private async rebuild({ entryFiles, moduleOf }: BundleSources): Promise<Bundle> {
    const format = workspaceFormat(this.root, entryFiles);
    const extension = format === "esm" ? "mjs" : "cjs";
    const key = `${format}\n${entryFiles.join("\n")}`;
    if (this.current?.key !== key) {
      await this.dispose();
      // The outfile only names the output (its folder anchors the source map's paths): nothing is written there.
      const options = bundleOptions(this.root, entryFiles, format, moduleOf);
      const outfile = join(this.buildDir, `warm.${extension}`);
      this.current = { key, context: context({ ...options, outfile, write: false }) };
    }
    let contents: Uint8Array;
    try {
      const result = await (await this.current.context).rebuild();
      contents = result.outputFiles![0]!.contents;
    } catch (error) {
      throw bundleError(this.root, error);
    }
    return { path: this.write(contents, extension), format, entryFiles };
  }

  /** Writes `contents` once under its hash in the build folder (kept until pruned); returns its path. */
  write(contents: Uint8Array | string, extension: string): string {
    const hash = createHash("sha256").update(contents).digest("hex").slice(0, 16);
    const path = join(this.buildDir, `warm-${hash}.${extension}`);
    if (!existsSync(path)) {
      mkdirSync(this.buildDir, { recursive: true });
      // Written whole before it has its name: a run process never reads half a file.
      const partial = `${path}.${randomUUID()}.partial`;
      writeFileSync(partial, contents);
      renameSync(partial, path);
    }
    this.written.add(path);
    return path;
  }

  private async dispose(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    await (await previous?.context.catch(() => undefined))?.dispose();
  }
}
