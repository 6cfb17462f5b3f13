/** `materialize --dry-run` plans from the analyzer alone: the workspace's code never runs, and the plan is the run's. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedStep, RunEvent } from "assetline/protocol";
import { cli, ensureCliBuilt, fixtureWorkspace, parseEvents, removeWorkspace } from "./workspace";

const roots: string[] = [];
beforeAll(() => ensureCliBuilt());
afterAll(() => roots.forEach(removeWorkspace));

/** Every form that shapes a plan: a subsettable and a whole multi-asset, data and order edges, an external asset. */
const FILES = {
  "src/loaded.ts": `import { appendFileSync } from "node:fs";
// A top-level side effect: it happens whenever the code is loaded.
appendFileSync("marker.txt", "loaded\\n");
`,
  "src/assets.ts": `import "./loaded";
import { asset, AssetSpec, MaterializeResult, multiAsset } from "assetline";

export const warehouse = AssetSpec("warehouse/orders");
export const api = multiAsset({ specs: [AssetSpec("users"), AssetSpec("posts"), AssetSpec("comments")], canSubset: true }, function* (ctx) {
  for (const key of ctx.selectedAssetKeys) yield new MaterializeResult({ assetKey: key, value: key });
});
export const pair = multiAsset({ specs: [AssetSpec("left"), AssetSpec("right")], deps: ["warehouse/orders"] }, function* () {
  yield new MaterializeResult({ assetKey: "left", value: 1 });
  yield new MaterializeResult({ assetKey: "right", value: 2 });
});
export const joined = asset({ ins: { posts: "posts", right: "right" } }, ({ posts, right }) => \`\${posts}\${right}\`);
export const report = asset({ ins: { joined }, deps: ["comments"] }, ({ joined }) => joined.length);
`,
};

async function dryRun(root: string, args: string[]): Promise<PlannedStep[]> {
  const result = await cli(["materialize", ...args, "--dry-run", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { steps: PlannedStep[] }).steps;
}

async function realRun(root: string, args: string[]): Promise<PlannedStep[]> {
  const result = await cli(["materialize", ...args, "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  const events = parseEvents(result.stdout);
  expect(events.some((event) => event.type === "log" && event.level === "warning")).toBe(false);
  return (events.find((event) => event.type === "run_started") as Extract<RunEvent, { type: "run_started" }>).plan;
}

describe("materialize --dry-run", () => {
  it("never loads the workspace's code, and plans exactly the steps a run then takes", async () => {
    const root = fixtureWorkspace(FILES);
    roots.push(root);
    const marker = join(root, "marker.txt");
    const selections = [[], ["--select", "+key:report"], ["--select", "key:users or key:right"], ["posts", "left"]];
    const dryPlans = [];
    for (const args of selections) dryPlans.push(await dryRun(root, args));
    expect(existsSync(marker)).toBe(false);
    expect(dryPlans[2]).toEqual([
      { id: "users", assets: ["users"], dependsOn: [] },
      { id: "left,right", assets: ["left", "right"], dependsOn: [] },
    ]);
    for (const [i, args] of selections.entries())
      expect(await realRun(root, args), args.join(" ")).toEqual(dryPlans[i]);
    // The real runs did load it, once each: the marker is how a load shows.
    expect(readFileSync(marker, "utf8")).toBe("loaded\n".repeat(selections.length));
  });

  it("plans --stale from the store without loading the code", async () => {
    const root = fixtureWorkspace(FILES);
    roots.push(root);
    await realRun(root, ["--select", "key:users or key:posts or key:comments"]);
    const marker = join(root, "marker.txt");
    const loads = readFileSync(marker, "utf8");
    const stale = await dryRun(root, ["--stale"]);
    expect(readFileSync(marker, "utf8")).toBe(loads);
    expect(stale.map((step) => step.id)).toEqual(["left,right", "joined", "report"]);
    expect(await realRun(root, ["--stale"])).toEqual(stale);
  });

  it("warns in the run's log when the loaded code plans otherwise than the analyzer (a canSubset it cannot read)", async () => {
    const root = fixtureWorkspace({
      "src/assets.ts": `import { AssetSpec, MaterializeResult, multiAsset } from "assetline";
const subset = process.env.NEVER_SET === undefined;
export const ab = multiAsset({ specs: [AssetSpec("a"), AssetSpec("b")], canSubset: subset }, function* (ctx) {
  for (const key of ctx.selectedAssetKeys) yield new MaterializeResult({ assetKey: key, value: key });
});
`,
    });
    roots.push(root);
    expect((await dryRun(root, ["a"])).map((step) => step.id)).toEqual(["a,b"]);
    const result = await cli(["materialize", "a", "--json"], root);
    expect(result.code, result.stderr).toBe(0);
    const warning = parseEvents(result.stdout).find((event) => event.type === "log" && event.level === "warning");
    expect(warning).toMatchObject({
      stepId: "",
      message: expect.stringContaining(
        "the loaded code plans the steps a (after nothing), which is not what the analyzer (and materialize --dry-run) planned: a,b (after nothing)",
      ),
    });
  });
});
