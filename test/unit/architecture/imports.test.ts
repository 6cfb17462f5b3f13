/**
 * The import rules of ARCHITECTURE.md, checked on the source: each entry point's whole import closure
 * (relative imports followed, package imports collected) must avoid what its process may not load.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../../..");
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)|(?:^|\n)\s*import\s+"([^"]+)"/g;
// The sdk's package subpaths (sdk/package.json's exports) lead to their sources.
const ALIASES: Record<string, string> = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(root, "sdk/package.json"), "utf8")).exports as Record<string, unknown>)
    .filter(
      (entry): entry is [string, { source: string }] => typeof (entry[1] as { source?: string }).source === "string",
    )
    .map(([path, target]) => [path.replace(/^\./, "assetline"), join("sdk", target.source)]),
);

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = ALIASES[specifier]
    ? join(root, ALIASES[specifier])
    : specifier.startsWith(".")
      ? resolve(dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  return [base, `${base}.ts`, join(base, "index.ts")].find(
    (candidate) => candidate.endsWith(".ts") && existsSync(candidate),
  );
}

/** The local files a module loads (type-only imports load nothing: they are erased) and the packages it imports. */
function importsOf(file: string): { locals: string[]; packages: string[] } {
  const locals: string[] = [];
  const packages: string[] = [];
  for (const match of readFileSync(file, "utf8").matchAll(SPECIFIER)) {
    if (/^\s*(import|export)\s+type\s/.test(match[0])) continue;
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4]!;
    const local = resolveLocal(file, specifier);
    if (local) locals.push(local);
    else if (!specifier.startsWith(".")) packages.push(specifier);
  }
  return { locals, packages };
}

/** Every source file reached from `entry`, and every package (or node: module) any of them imports, with who imports it. */
function closure(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const imported = importsOf(file);
    queue.push(...imported.locals);
    for (const name of imported.packages) packages.set(name, relative(root, file));
  }
  return { files, packages };
}

/** A chain of value imports from some file back to itself among `files`, or undefined when there is none. */
function importCycle(files: Iterable<string>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const visit = (file: string, path: string[]): string[] | undefined => {
    if (state.get(file) === "open") return [...path.slice(path.indexOf(file)), file];
    if (state.get(file) === "done") return undefined;
    state.set(file, "open");
    for (const next of importsOf(file).locals) {
      const cycle = visit(next, [...path, file]);
      if (cycle) return cycle;
    }
    state.set(file, "done");
    return undefined;
  };
  for (const file of files) {
    const cycle = visit(file, []);
    if (cycle) return cycle.map((each) => relative(root, each));
  }
  return undefined;
}

const rel = (files: Set<string>) => [...files].map((file) => relative(root, file));
const importing = (packages: Map<string, string>, banned: RegExp) =>
  [...packages].filter(([name]) => banned.test(name)).map(([name, by]) => `${name} (by ${by})`);

describe("the import rules of ARCHITECTURE.md", () => {
  it("keeps asset code's API light: no compiler, bundler, database or YAML parser behind `assetline`", () => {
    const { packages } = closure("sdk/src/index.ts");
    expect(importing(packages, /^(typescript|esbuild|better-sqlite3|yaml)$/)).toEqual([]);
  });

  it("keeps the define API free of the calendar library: definitions are checked without Luxon", () => {
    const defineDir = join(root, "sdk/src/define");
    const sources = readdirSync(defineDir).filter((name) => name.endsWith(".ts") && name !== "repository.ts");
    expect(sources).toContain("partitions.ts");
    for (const name of sources)
      expect(importing(closure(`sdk/src/define/${name}`).packages, /^luxon$/), name).toEqual([]);
  });

  it("keeps the protocol free of every dependency but its schema library", () => {
    const { files, packages } = closure("sdk/src/protocol/index.ts");
    expect([...packages.keys()]).toEqual(["valibot"]);
    expect(rel(files).every((file) => file.startsWith("sdk/src/protocol/"))).toBe(true);
  });

  it("keeps the protocol's modules free of import cycles: a schema read across one is undefined while its module loads", () => {
    expect(importCycle(closure("sdk/src/protocol/index.ts").files)).toBeUndefined();
  });

  it("keeps the engine ignorant of editors", () => {
    const { files, packages } = closure("sdk/src/cli/main.ts");
    // vscode-jsonrpc (the daemon's socket) is a plain JSON-RPC library, no editor's.
    expect(importing(packages, /^(vscode($|\/)|vscode-languageserver|vscode-languageclient|d3)/)).toEqual([]);
    expect(rel(files).filter((file) => !file.startsWith("sdk/"))).toEqual([]);
  });

  it("keeps workspace code out of the daemon's process: it bundles it but never loads it", () => {
    const { files, packages } = closure("sdk/src/daemon/daemon.ts");
    // The warm run process's bundle is built in the daemon (esbuild's incremental context); only run processes load it.
    expect(importing(packages, /^esbuild$/)).toEqual(["esbuild (by sdk/src/daemon/warmRun/warmBundle.ts)"]);
    expect(
      rel(files).filter((file) => /^sdk\/src\/run\/(loadWorkspace|executor|workspaceRun)\.ts$/.test(file)),
    ).toEqual([]);
  });

  it.each(["server/src/main.ts", "client/src/extension.ts"])(
    "never loads the runner or the store in the editor's processes (%s)",
    (entry) => {
      const { files, packages } = closure(entry);
      // io/links.ts only reads files without following links: the daemon's client finds its socket with it.
      const stored = (file: string) => /^sdk\/src\/(run|store|io)\//.test(file) && file !== "sdk/src/io/links.ts";
      expect(rel(files).filter(stored)).toEqual([]);
      expect(importing(packages, /^(better-sqlite3|esbuild)$/)).toEqual([]);
    },
  );

  it("keeps the queue below the runner: it reaches the PostgreSQL store and the protocol, never run/, daemon/ or cli/", () => {
    const queueDir = join(root, "sdk/src/queue");
    for (const name of readdirSync(queueDir).filter((file) => file.endsWith(".ts"))) {
      const { files, packages } = closure(`sdk/src/queue/${name}`);
      expect(
        rel(files).filter((file) => /^sdk\/src\/(run|daemon|cli)\//.test(file)),
        name,
      ).toEqual([]);
      // Graphile Worker and pg are loaded lazily, each by its one loader: a SQLite workspace never loads them.
      const loaders = importing(packages, /^(pg|graphile-worker)$/);
      expect(
        loaders.every((found) => /by sdk\/src\/(queue\/loadGraphileWorker|store\/postgres\/loadPg)\.ts/.test(found)),
        name,
      ).toBe(true);
    }
  });

  it("keeps workspace code out of the worker's process: only its step process loads a bundle, and only the CLI imports the worker", () => {
    const { files } = closure("sdk/src/worker/workerProcess.ts");
    expect(rel(files).filter((file) => /^sdk\/src\/(run\/loadWorkspace|worker\/stepProcess)\.ts$/.test(file))).toEqual(
      [],
    );
    expect(rel(files).filter((file) => /^sdk\/src\/(daemon|cli)\//.test(file))).toEqual([]);
    const sdk = join(root, "sdk/src");
    const importers = readdirSync(sdk, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts") && !/^(cli|worker)\//.test(file))
      .filter((file) => importsOf(join(sdk, file)).locals.some((local) => local.startsWith(join(sdk, "worker/"))));
    expect(importers).toEqual([]);
  });

  it("keeps the webview a browser app", () => {
    for (const entry of ["webview/src/main.ts", "webview/src/layout/worker.ts"]) {
      const { packages } = closure(entry);
      expect(importing(packages, /^(node:|vscode|typescript|better-sqlite3|esbuild)/)).toEqual([]);
    }
  });

  it("sees the imports it checks (the closure follows relative and aliased imports)", () => {
    const { files, packages } = closure("server/src/main.ts");
    expect(rel(files)).toContain("sdk/src/protocol/index.ts");
    expect(rel(files).some((file) => file.startsWith("sdk/src/analyze/"))).toBe(true);
    expect(packages.has("vscode-languageserver/node")).toBe(true);
  });
});
