/** Issue 10: a selection, job or key that matches nothing fails, records no run, and names the closest keys. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunSummary } from "../../../sdk/src/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, removeWorkspace } from "../run/workspace";
import { ORDERS_FILES, runIn } from "./harness";

let root: string;
beforeAll(() => {
  ensureCliBuilt();
  root = fixtureWorkspace({
    ...ORDERS_FILES,
    // A job over a key that was renamed: `check` warns (AL1006), and a run of it must fail.
    "src/jobs.ts": `import { defineAssetJob } from "assetline";
export const gone_job = defineAssetJob({ name: "gone_job", selection: "key:revenue_by_segmnt" });
`,
  });
}, 120_000);
afterAll(() => removeWorkspace(root));

const runCount = async () => (JSON.parse((await runIn(root, ["runs", "--json"])).stdout).runs as RunSummary[]).length;

describe("materialize with a selection that matches nothing", () => {
  it("fails on key:nope, says it matched no asset, and records no run", async () => {
    const result = await cli(["materialize", "--select", "key:nope"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the selection "key:nope" matches no asset, so nothing ran.');
    expect(result.stdout).not.toContain("external assets are produced elsewhere");
    expect(await runCount()).toBe(0);
  });

  it("suggests the closest key for a misspelled bare key, also on --dry-run", async () => {
    for (const extra of [[], ["--dry-run"]]) {
      const result = await cli(["materialize", "--select", "revenue_by_segmnt", ...extra], root);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Did you mean "revenue_by_segment"?');
      expect(result.stdout).not.toContain("Nothing to run");
    }
    expect(await runCount()).toBe(0);
  });

  it("fails a job whose selection matches nothing, so a scheduled job does not look green", async () => {
    const result = await cli(["materialize", "--job", "gone_job"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`job gone_job's selection "key:revenue_by_segmnt" matches no asset`);
    expect(result.stderr).toContain('Did you mean "revenue_by_segment"?');
    expect(await runCount()).toBe(0);
  });

  it("suggests the closest key for a misspelled KEY argument, and status --select fails the same way", async () => {
    const key = await cli(["materialize", "order"], root);
    expect(key.code).toBe(1);
    expect(key.stderr).toContain('no asset "order" in this workspace. Did you mean "orders"?');
    const status = await runIn(root, ["status", "--select", "key:ordrs"]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('Did you mean "orders"?');
    expect(await runCount()).toBe(0);
  });

  it("fails a plain `materialize` in a workspace that defines no asset", async () => {
    const bare = fixtureWorkspace({ "src/index.ts": "export const notAnAsset = 1;\n" });
    try {
      const result = await cli(["materialize"], bare);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('the selection "*" matches no asset, so nothing ran.');
      expect((JSON.parse((await runIn(bare, ["runs", "--json"])).stdout).runs as RunSummary[]).length).toBe(0);
    } finally {
      removeWorkspace(bare);
    }
  });
});
