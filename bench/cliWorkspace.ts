/**
 * The runner benchmarks' common ground: a generated workspace that resolves `assetline` to this repository's sdk, and
 * the CLI timed over it as a user runs it, in a child process: wall time, and CPU time where Linux's /proc tells it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const cliBin = join(repoRoot, "sdk", "bin", "assetline.js");

/** A new temporary workspace (`src/` to fill) whose `assetline` is a link to this repository's sdk. */
export function benchWorkspace(name: string): string {
  const root = mkdtempSync(join(tmpdir(), `assetline-bench-${name}-`));
  mkdirSync(join(root, "src"), { recursive: true });
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "sdk"), join(root, "node_modules", "assetline"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: `bench-${name}`, private: true }));
  return root;
}

/** The runner's baseline shape: `layers` of `width` no-op assets, each after the assets `upstreamOf` names. */
export interface NoOpLayers {
  layers: number;
  width: number;
  key(layer: number, i: number): string;
  upstreamOf(layer: number, i: number): string[];
}

/** `layers` of `width` assets `a_<layer>_<i>`, each after 2 of the layer before (the runner and daemon benchmarks' DAG). */
export function layeredNoOps(layers: number, width: number): NoOpLayers {
  const shape: NoOpLayers = {
    layers,
    width,
    key: (layer, i) => `a_${layer}_${i}`,
    upstreamOf: (layer, i) => (layer === 0 ? [] : [shape.key(layer - 1, i), shape.key(layer - 1, (i + 1) % width)]),
  };
  return shape;
}

/** One file per layer; each asset names its upstreams in `deps` (ordering only: the assets are no-ops). */
export function writeNoOpLayers(root: string, shape: NoOpLayers): void {
  for (let layer = 0; layer < shape.layers; layer++) {
    const lines = [`import { asset } from "assetline";`];
    for (let i = 0; i < shape.width; i++) {
      const deps = shape.upstreamOf(layer, i).map((k) => JSON.stringify(k));
      lines.push(`export const ${shape.key(layer, i)} = asset({ deps: [${deps.join(", ")}] }, () => undefined);`);
    }
    writeFileSync(join(root, "src", `layer${layer}.ts`), `${lines.join("\n")}\n`);
  }
}

/** What any scheduler must do, in process: start each function once its upstream promises settled (ms). */
export async function bareScheduler(shape: NoOpLayers): Promise<number> {
  const noop = () => undefined;
  const started = performance.now();
  const done = new Map<string, Promise<unknown>>();
  for (let layer = 0; layer < shape.layers; layer++) {
    for (let i = 0; i < shape.width; i++)
      done.set(shape.key(layer, i), Promise.all(shape.upstreamOf(layer, i).map((k) => done.get(k))).then(noop));
  }
  await Promise.all(done.values());
  return performance.now() - started;
}

export interface Timing {
  wallMs: number;
  cpuMs: number | undefined;
}

/** CPU time (user + system, ms) of this process's finished children, from /proc on Linux; less sensitive to a busy machine than wall time. */
export function childrenCpuMs(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  // Fields 16 and 17 of stat (cutime, cstime), counted after the ") " that ends the command name, in 1/100 s.
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** CPU time (user + system, ms) process `pid` used so far, from /proc on Linux (in 1/100 s): what a request cost it alone. */
export function processCpuMs(pid: number): number | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // Fields 14 and 15 of stat (utime, stime).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Runs `assetline ARGS` (the built CLI) to completion, with what it printed; throws with its stderr when it fails. */
export function timeCli(args: string[]): Timing & { stdout: string } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, [cliBin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`assetline ${args[0]} failed (exit ${result.status}): ${result.stderr}`);
  const cpuAfter = childrenCpuMs();
  return {
    wallMs: elapsed,
    cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    stdout: result.stdout,
  };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
