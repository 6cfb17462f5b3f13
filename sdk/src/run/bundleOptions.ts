/**
 * How esbuild bundles a workspace's TypeScript (no build step): its entry files into one file with inline source maps,
 * `assetline` kept external (resolved to the workspace's own copy, by absolute path, so the bundle can live in any store
 * folder). The bundle has the workspace's module format: ESM (loaded with `import()`, so top-level `await` works) when
 * its package.json says `"type": "module"` or an entry file is `.mts`, else CommonJS. Every import of a workspace file
 * is resolved as the analyzer resolves it (TypeScript's rules: tsconfig `paths`, workspace packages, project
 * references), so the graph that runs is the graph the analyzer drew. Building only: nothing here loads the bundle.
 */
import type { BuildOptions, Format, Plugin } from "esbuild";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** As Node decides for the workspace's own files: the root package.json's `type`, or `.mts` files. */
export function workspaceFormat(root: string, entryFiles: string[]): Format {
  if (entryFiles.some((file) => file.endsWith(".mts"))) return "esm";
  const manifest = join(root, "package.json");
  if (!existsSync(manifest)) return "cjs";
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown }).type === "module" ? "esm" : "cjs";
  } catch (error) {
    throw new Error(`cannot read ${manifest}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * CommonJS packages bundled into an ESM file still call `require` for Node's built-ins, which ESM scope lacks:
 * give the bundle one, as esbuild's documentation suggests.
 */
const ESM_REQUIRE = `import { createRequire as __assetlineCreateRequire } from "node:module"; const require = __assetlineCreateRequire(import.meta.url);`;

function workspaceAssetline(root: string, format: Format): Plugin {
  const requireFromRoot = createRequire(join(root, "package.json"));
  return {
    name: "workspace-assetline",
    setup(build) {
      build.onResolve({ filter: /^assetline(\/.*)?$/ }, (args) => {
        try {
          const resolved = requireFromRoot.resolve(args.path);
          // ESM imports take URLs: an absolute Windows path would read as a URL scheme.
          return { path: format === "esm" ? pathToFileURL(resolved).href : resolved, external: true };
        } catch {
          return {
            errors: [
              {
                text: `cannot resolve "${args.path}" from ${root}: add the assetline package to the workspace (npm install assetline).`,
              },
            ],
          };
        }
      });
    },
  };
}

/** The workspace file an import resolves to (the analyzer's `moduleOf`), or undefined for a package. */
export type ModuleOf = (from: string, specifier: string) => string | undefined;

function workspaceModules(moduleOf: ModuleOf): Plugin {
  return {
    name: "workspace-modules",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace !== "file" || !args.importer) return undefined;
        const path = moduleOf(args.importer.split("\\").join("/"), args.path);
        return path === undefined ? undefined : { path };
      });
    },
  };
}

/** `import * as m0 from "…"` for each entry file: the runner reads keys from export names, as the analyzer does. */
function virtualEntry(entryFiles: string[]): string {
  const imports = entryFiles.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`);
  return [...imports, `export const modules = [${entryFiles.map((_, i) => `m${i}`).join(", ")}];`].join("\n");
}

/** esbuild's options for the workspace's bundle (all but where it goes): one build, or the daemon's incremental context. */
export function bundleOptions(root: string, entryFiles: string[], format: Format, moduleOf: ModuleOf): BuildOptions {
  return {
    stdin: { contents: virtualEntry(entryFiles), resolveDir: root, sourcefile: "assetline-entry.ts", loader: "ts" },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    format,
    ...(format === "esm" && { banner: { js: ESM_REQUIRE } }),
    sourcemap: "inline",
    logLevel: "silent",
    plugins: [workspaceAssetline(root, format), workspaceModules(moduleOf)],
  };
}

/** esbuild's failure as one line per problem, at its file, line and column; other errors as they are. */
export function bundleError(root: string, error: unknown): Error {
  const errors = (
    error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }
  ).errors;
  if (!errors) return error instanceof Error ? error : new Error(String(error));
  const lines = errors.map((e) =>
    e.location ? `${join(root, e.location.file)}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text,
  );
  return new Error(`cannot bundle the workspace's definitions:\n${lines.join("\n")}`);
}
