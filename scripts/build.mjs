// Bundles every part with esbuild. `node scripts/build.mjs [sdk|server|client|webview]...` builds some; no argument builds all.
import { build } from "esbuild";
import { cpSync, mkdirSync, readFileSync } from "node:fs";

const node = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  logLevel: "warning",
};
// Editor parts import the sdk by its package subpaths (sdk/package.json's exports); bundle them from their sources
// (the `source` condition) so they build without sdk/dist.
const { exports } = JSON.parse(readFileSync("sdk/package.json", "utf8"));
const subpaths = Object.fromEntries(
  Object.entries(exports)
    .filter(([path, target]) => path !== "." && target.source)
    .map(([path, target]) => [path.slice(2), target.source.replace("./src/", "")]),
);
const fromSource = Object.fromEntries(
  Object.entries(subpaths).map(([name, file]) => [`assetline/${name}`, `./sdk/src/${file}`]),
);

const targets = {
  sdk: () =>
    build({
      ...node,
      entryPoints: {
        index: "sdk/src/index.ts",
        cli: "sdk/src/cli/main.ts",
        ...Object.fromEntries(Object.entries(subpaths).map(([name, file]) => [name, `sdk/src/${file}`])),
      },
      outdir: "sdk/dist",
      // Native and compiler packages stay dependencies of the `assetline` package, resolved at run time.
      external: ["better-sqlite3", "esbuild", "typescript", "@duckdb/node-api", "pg", "graphile-worker"],
    }),
  server: () =>
    build({
      ...node,
      entryPoints: { server: "server/src/main.ts" },
      outdir: "dist",
      external: ["better-sqlite3", "esbuild"],
      alias: fromSource,
    }),
  client: () =>
    build({
      ...node,
      entryPoints: { client: "client/src/extension.ts" },
      outdir: "dist",
      external: ["vscode"],
      alias: fromSource,
    }),
  webview: async () => {
    const browser = {
      bundle: true,
      platform: "browser",
      target: "es2022",
      format: "iife",
      sourcemap: "linked",
      minify: true,
      logLevel: "warning",
    };
    await build({
      ...browser,
      entryPoints: { main: "webview/src/main.ts", layoutWorker: "webview/src/layout/worker.ts" },
      outdir: "dist/webview",
      alias: fromSource,
    });
    mkdirSync("dist/webview", { recursive: true });
    cpSync("webview/src/style.css", "dist/webview/style.css");
  },
};

const wanted = process.argv.slice(2);
for (const name of wanted)
  if (!(name in targets))
    throw new Error(`Unknown build target "${name}"; choose from ${Object.keys(targets).join(", ")}.`);
await Promise.all((wanted.length ? wanted : Object.keys(targets)).map((name) => targets[name]()));
