// Bundles the benchmark (TypeScript) with esbuild and runs it with --expose-gc. Arguments: asset counts (default 1000 10000).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";

const outfile = "node_modules/.cache/assetline-bench/analyzer.cjs";
await build({
  entryPoints: ["bench/analyzer/main.ts"],
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  outfile,
  external: ["typescript"],
  logLevel: "warning",
});
const result = spawnSync(process.execPath, ["--expose-gc", outfile, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);
