/**
 * The analyzer keeps one link, not every link since it started: an editor sends an update per keystroke, for hours.
 * The edits run in a child `node --expose-gc` (retainedHeap.driver.ts, bundled with esbuild) so the heap can be
 * measured after a full collection, away from the test runner's own allocations.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../protocol/client";

const EDITS = 2_000;
const SAMPLE_EVERY = 250;

describe("retained heap over many edits", () => {
  it(`stays flat over ${EDITS.toLocaleString("en-US")} edits of one file`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "assetline-heap-"));
    cpSync(join(repoRoot, "examples/ecommerce/src"), join(dir, "workspace/src"), { recursive: true });
    const driver = join(dir, "driver.cjs");
    await build({
      entryPoints: [join(repoRoot, "test/unit/analyze/retainedHeap.driver.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      outfile: driver,
      external: ["typescript"],
      logLevel: "warning",
    });
    const output = execFileSync(
      process.execPath,
      ["--expose-gc", driver, join(dir, "workspace"), String(EDITS), String(SAMPLE_EVERY)],
      { encoding: "utf8", env: { ...process.env, NODE_PATH: join(repoRoot, "node_modules") } },
    );
    const { heapUsed } = JSON.parse(output) as { heapUsed: number[] };
    // From the second sample on, the caches and compiled code have warmed up: 1,500 edits follow, which a leak of
    // 2 KB per edit would grow by 3 MB (keeping every link, as the analyzer once did, costs some 30 KB per edit).
    const growth = heapUsed.at(-1)! - heapUsed[1]!;
    const mb = heapUsed.map((bytes) => (bytes / 1e6).toFixed(1));
    expect(growth, `heap used after each ${SAMPLE_EVERY} edits, MB: ${mb.join(", ")}`).toBeLessThan(3_000_000);
  });
});
