/** Subsettable multi-assets (`canSubset: true`): planning, in-process and CLI runs, and the output checks. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssetSpec, MaterializeResult, asset, createTestContext, materialize, multiAsset } from "assetline";
import type { Materialization, RunEvent } from "assetline/protocol";
import { buildRepository } from "../../../sdk/src/define/repository";
import { planSteps, plannedSteps } from "../../../sdk/src/run/plan";
import { cli, ensureCliBuilt, fixtureWorkspace, parseEvents, removeWorkspace } from "./workspace";

/** A subsettable multi-asset that yields what it is asked for and records each call's selection. */
function pipeline() {
  const calls: string[][] = [];
  const abc = multiAsset({ specs: [AssetSpec("a"), AssetSpec("b"), AssetSpec("c")], canSubset: true }, function* (ctx) {
    calls.push([...ctx.selectedAssetKeys]);
    for (const key of ctx.selectedAssetKeys) yield new MaterializeResult({ assetKey: key, value: `${key}!` });
  });
  const after_a = asset({ ins: { a: "a" } }, ({ a }) => `${String(a)} then after_a`);
  const xy = multiAsset({ specs: [AssetSpec("x"), AssetSpec("y")] }, function* (ctx) {
    calls.push([...ctx.selectedAssetKeys]);
    yield new MaterializeResult({ assetKey: "x", value: 1 });
    yield new MaterializeResult({ assetKey: "y", value: 2 });
  });
  return { assets: { abc, after_a, xy }, calls };
}

describe("planning a subsettable multi-asset", () => {
  const repository = buildRepository([pipeline().assets]);
  const plan = (keys: string[]) => plannedSteps(planSteps(repository, keys));

  it("plans only the selected members, in spec order, under an id that joins just those keys", () => {
    expect(plan(["c", "a"])).toEqual([{ id: "a,c", assets: ["a", "c"], dependsOn: [] }]);
    expect(plan(["a", "b", "c"])).toEqual([{ id: "a,b,c", assets: ["a", "b", "c"], dependsOn: [] }]);
  });

  it("waits for a selected member, and not for an unselected one, whose value a downstream loads from the store", () => {
    expect(plan(["a", "after_a"]).find((step) => step.id === "after_a")!.dependsOn).toEqual(["a"]);
    expect(plan(["b", "after_a"])).toEqual([
      { id: "b", assets: ["b"], dependsOn: [] },
      { id: "after_a", assets: ["after_a"], dependsOn: [] },
    ]);
  });

  it("still plans a multi-asset without canSubset whole when one member is selected", () => {
    expect(plan(["y"])).toEqual([{ id: "x,y", assets: ["x", "y"], dependsOn: [] }]);
  });
});

describe("materialize() with a subsettable multi-asset", () => {
  it("runs the function once with ctx.selectedAssetKeys and stores only the selected members", async () => {
    const { assets, calls } = pipeline();
    const outcome = await materialize(assets, { selection: "key:a or key:c" });
    expect(outcome.success).toBe(true);
    expect(calls).toEqual([["a", "c"]]);
    expect(outcome.values).toEqual({ a: "a!", c: "c!" });
  });

  it("gives a downstream of an unselected member the value it had before (here from `inputs`)", async () => {
    const { assets } = pipeline();
    const outcome = await materialize(assets, { selection: ["b", "after_a"], inputs: { a: "earlier a" } });
    expect(outcome.values).toEqual({ b: "b!", after_a: "earlier a then after_a" });
  });

  it("runs a multi-asset without canSubset whole, and says why in the step's log", async () => {
    const { assets, calls } = pipeline();
    const outcome = await materialize(assets, { selection: ["y"] });
    expect(calls).toEqual([["x", "y"]]);
    expect(outcome.values).toEqual({ x: 1, y: 2 });
    expect(outcome.logs["x,y"]).toEqual([
      {
        level: "info",
        message:
          "multi-asset x,y runs whole, so it also materializes x, which the selection left out: give it `canSubset: true` and yield only ctx.selectedAssetKeys to run just the selected members.",
      },
    ]);
    expect((await materialize(assets, { selection: ["x", "y"] })).logs["x,y"]).toBeUndefined();
  });

  it("fails a step that yields a member the run did not select, naming the asset and the fix", async () => {
    const everything = multiAsset({ specs: [AssetSpec("a"), AssetSpec("b")], canSubset: true }, function* () {
      yield new MaterializeResult({ assetKey: "a", value: 1 });
      yield new MaterializeResult({ assetKey: "b", value: 2 });
    });
    const outcome = await materialize({ everything }, { selection: ["b"] });
    expect(outcome.success).toBe(false);
    expect(outcome.errors.b!.message).toBe(
      `multi-asset b yielded "a", which this run did not select: yield only the keys in ctx.selectedAssetKeys (if (ctx.selectedAssetKeys.has("a")) …), or select "a" too.`,
    );
    expect(outcome.values).toEqual({});
  });

  it("fails a step that does not yield a selected member", async () => {
    const onlyA = multiAsset({ specs: [AssetSpec("a"), AssetSpec("b")], canSubset: true }, function* () {
      yield new MaterializeResult({ assetKey: "a", value: 1 });
    });
    const outcome = await materialize({ onlyA }, { selection: ["a", "b"] });
    expect(outcome.errors["a,b"]!.message).toBe(
      "multi-asset a,b did not produce b: yield a MaterializeResult for each key in ctx.selectedAssetKeys.",
    );
    expect(outcome.values).toEqual({ a: 1 });
  });
});

describe("ctx.selectedAssetKeys outside a subset", () => {
  it("holds an asset's own key in a run and in a direct call", async () => {
    const seen: string[][] = [];
    const single = asset({ key: "single" }, (ctx) => seen.push([...ctx.selectedAssetKeys]));
    await materialize([single]);
    single();
    expect(seen).toEqual([["single"], ["single"]]);
  });

  it("holds every spec when a test calls a multi-asset directly, or the members a test context names", () => {
    const { assets, calls } = pipeline();
    const results = (output: unknown) => [...(output as Iterable<MaterializeResult>)];
    expect(results(assets.abc()).map((result) => result.assetKey)).toEqual(["a", "b", "c"]);
    expect(results(assets.abc(createTestContext("b", "test", ["b"]))).map((result) => result.value)).toEqual(["b!"]);
    expect(calls).toEqual([["a", "b", "c"], ["b"]]);
  });
});

const SUBSET = `import { AssetSpec, MaterializeResult, asset, multiAsset } from "assetline";
export const abc = multiAsset({ specs: [AssetSpec("a"), AssetSpec("b"), AssetSpec("c")], canSubset: true }, function* (ctx) {
  for (const key of ctx.selectedAssetKeys) yield new MaterializeResult({ assetKey: key, value: key + process.env.ROUND });
});
export const after_a = asset({ ins: { a: "a" } }, ({ a }) => new MaterializeResult({ value: a, metadata: { loaded: String(a) } }));
`;

describe("the runner with a subsettable multi-asset", () => {
  let root: string;
  beforeAll(() => {
    ensureCliBuilt();
    root = fixtureWorkspace({ "src/assets.ts": SUBSET });
  });
  afterAll(() => removeWorkspace(root));

  const show = async (key: string) => JSON.parse((await cli(["show", key, "--json"], root)).stdout) as Materialization;

  it("plans and stores only the selected members; a downstream of an unselected member loads its stored value", async () => {
    const first = await cli(["materialize", "--json"], root, { ROUND: "1" });
    expect(first.code, first.stderr).toBe(0);
    const firstA = await show("a");

    const second = await cli(["materialize", "--json", "--select", "key:b or key:after_a"], root, { ROUND: "2" });
    expect(second.code, second.stderr).toBe(0);
    const events = parseEvents(second.stdout);
    expect((events[0] as Extract<RunEvent, { type: "run_started" }>).plan).toEqual([
      { id: "b", assets: ["b"], dependsOn: [] },
      { id: "after_a", assets: ["after_a"], dependsOn: [] },
    ]);
    const stored = events.flatMap((e) => (e.type === "materialization" ? [e.materialization.key] : []));
    expect(stored.sort()).toEqual(["after_a", "b"]);
    expect((await show("a")).runId).toBe(firstA.runId);
    expect((await show("after_a")).metadata.loaded).toEqual({ type: "text", value: "a1" });
  });
});
