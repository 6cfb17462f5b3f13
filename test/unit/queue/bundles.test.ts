import { describe, expect, it } from "vitest";
import { type QueuedRunPlan, QUEUED_RUN_PLAN_VERSION, parseQueuedRunPlan } from "../../../sdk/src/protocol/queuedRun";
import { bundleHash, getBundle, putBundle } from "../../../sdk/src/queue/bundles";
import { useQueue } from "./queueFixture";

describe("bundles", () => {
  const fresh = useQueue();

  it("are stored once by content and verified when fetched, so a worker never runs altered code", async () => {
    const queue = await fresh();
    const code = Buffer.from("module.exports = { modules: [] };");
    const [first, second] = await queue.tx(async (tx) => [await putBundle(tx, code), await putBundle(tx, code)]);
    expect(first).toBe(bundleHash(code));
    expect(second).toBe(first);
    expect((await queue.pool.query("SELECT count(*)::int AS n FROM bundles")).rows[0].n).toBe(1);
    expect(await queue.tx((tx) => getBundle(tx, first))).toEqual(code);
    expect(await queue.tx((tx) => getBundle(tx, "0".repeat(64)))).toBeUndefined();
    await queue.pool.query("UPDATE bundles SET body = $1", [Buffer.from("process.exit(1)")]);
    await expect(queue.tx((tx) => getBundle(tx, first))).rejects.toThrow(
      `the stored bundle ${first.slice(0, 12)} does not match its hash`,
    );
  });
});

describe("a queued run's plan", () => {
  const plan: QueuedRunPlan = {
    version: QUEUED_RUN_PLAN_VERSION,
    selection: "*",
    keys: ["a"],
    partitions: {},
    now: 1,
    dynamicKeys: {},
    codeVersions: { a: "c" },
    config: {},
    format: "esm",
    definitionsModule: 0,
    concurrency: 2,
  };

  it.each([
    ["reads what was written", JSON.stringify(plan), plan],
    [
      "names the versions when another Assetline planned it",
      JSON.stringify({ ...plan, version: 2 }),
      /plan version 2, this one reads version 1: run the same Assetline version/,
    ],
    [
      "says a damaged plan does not fit",
      JSON.stringify({ ...plan, keys: "a" }),
      /^the run's plan does not fit its schema: /,
    ],
    ["says a plan that is not JSON is damaged", "{", /^the run's plan is not JSON/],
  ])("%s", (_, text, expected) => {
    if (expected instanceof RegExp) expect(() => parseQueuedRunPlan(text)).toThrow(expected);
    else expect(parseQueuedRunPlan(text)).toEqual(expected);
  });
});
