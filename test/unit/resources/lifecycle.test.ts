/** Resources in a run: set up lazily once, shared, torn down in reverse order after success, failure and cancel. */
import { describe, expect, it } from "vitest";
import { Definitions, asset, defineResource, materialize, type MaterializeOptions } from "assetline";

interface Behaviour {
  setupMs?: number;
  failSetup?: boolean;
  failTeardown?: boolean;
}

/** A resource that writes what happens to it in `journal`; its value names it. */
function tracked(journal: string[], name: string, behaviour: Behaviour = {}) {
  return defineResource({
    setup: async () => {
      journal.push(`setup ${name}`);
      await new Promise((resolve) => setTimeout(resolve, behaviour.setupMs ?? 0));
      if (behaviour.failSetup) throw new Error(`cannot reach ${name}`);
      return { name };
    },
    teardown: (value) => {
      journal.push(`teardown ${value.name}`);
      if (behaviour.failTeardown) throw new Error(`${name} hung up`);
    },
  });
}

/** `upstream` requests `a`; `downstream` reads it and requests `b`; `side` requests `a`; `plain` requests nothing. */
function pipeline(journal: string[], behaviours: Record<string, Behaviour> = {}, failing?: string) {
  const run = (key: string, value: unknown) => {
    if (key === failing) throw new Error(`${key} broke`);
    return value;
  };
  const upstream = asset({ key: "upstream", resources: ["a"] }, (ctx) => run("upstream", ctx.resources.a));
  const downstream = asset({ key: "downstream", ins: { upstream }, resources: ["b"] }, (_inputs, ctx) =>
    run("downstream", ctx.resources.b),
  );
  const side = asset({ key: "side", resources: ["a"] }, (ctx) => run("side", ctx.resources.a));
  const plain = asset({ key: "plain" }, () => run("plain", 1));
  return new Definitions({
    assets: [upstream, downstream, side, plain],
    resources: {
      a: tracked(journal, "a", behaviours.a),
      b: tracked(journal, "b", behaviours.b),
      unused: tracked(journal, "unused"),
    },
  });
}

describe("resource lifecycle in a run", () => {
  it.each([
    { name: "only the selected steps' resources are set up", selection: ["plain"], journal: [] },
    {
      name: "a resource is set up for the step that requests it",
      selection: ["side"],
      journal: ["setup a", "teardown a"],
    },
    {
      name: "concurrent requesters share one setup, torn down in reverse setup order",
      selection: ["upstream", "downstream", "side"],
      journal: ["setup a", "setup b", "teardown b", "teardown a"],
    },
  ])("$name", async ({ selection, journal: expected }) => {
    const journal: string[] = [];
    const outcome = await materialize(pipeline(journal, { a: { setupMs: 20 } }), { selection, concurrency: 4 });
    expect(outcome.success).toBe(true);
    expect(journal).toEqual(expected);
  });

  it("gives each step the resource's value", async () => {
    const outcome = await materialize(pipeline([]), { selection: ["upstream", "downstream"] });
    expect(outcome.values).toEqual({ upstream: { name: "a" }, downstream: { name: "b" } });
  });

  it("tears down after a step failed", async () => {
    const journal: string[] = [];
    const outcome = await materialize(pipeline(journal, {}, "upstream"), { selection: ["upstream", "downstream"] });
    expect(outcome.status).toBe("failed");
    expect(journal).toEqual(["setup a", "teardown a"]);
  });

  it("tears down after a cancel, also a resource whose setup was still running", async () => {
    const journal: string[] = [];
    const controller = new AbortController();
    const waiting = asset({ key: "waiting", resources: ["a"] }, (ctx) => {
      controller.abort();
      return new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    });
    const slow = asset({ key: "slow", resources: ["b"] }, (ctx) => ctx.resources.b);
    const definitions = new Definitions({
      assets: [waiting, slow],
      resources: { a: tracked(journal, "a"), b: tracked(journal, "b", { setupMs: 50 }) },
    });
    const outcome = await materialize(definitions, { signal: controller.signal, concurrency: 2 });
    expect(outcome.status).toBe("cancelled");
    expect(journal.filter((line) => line.startsWith("teardown")).sort()).toEqual(["teardown a", "teardown b"]);
  });

  it("fails every step that needs a resource whose setup threw, with the resource, its message and the step", async () => {
    const journal: string[] = [];
    const outcome = await materialize(pipeline(journal, { a: { failSetup: true } }), {
      selection: ["upstream", "side", "plain"],
    });
    expect(journal).toEqual(["setup a"]);
    expect(outcome.errors.upstream!.message).toBe(
      'resource a failed to set up: cannot reach a (requested by asset "upstream")',
    );
    expect(outcome.errors.side!.message).toBe(
      'resource a failed to set up: cannot reach a (requested by asset "side")',
    );
    expect(outcome.values.plain).toBe(1);
  });

  it("logs a teardown error as a run warning and keeps the results", async () => {
    const outcome = await materialize(pipeline([], { a: { failTeardown: true } }), { selection: ["side"] });
    expect(outcome.success).toBe(true);
    expect(outcome.values.side).toEqual({ name: "a" });
    expect(outcome.logs[""]).toEqual([{ level: "warning", message: "resource a failed to tear down: a hung up" }]);
  });
});

describe("resources a run is not given", () => {
  const orders = asset({ key: "orders", resources: ["warehouse"] }, (ctx) => ctx.resources.warehouse);
  it.each<{ name: string; resources: Record<string, unknown>; options?: MaterializeOptions; message: string }>([
    {
      name: "a misspelled key gets the closest provided one",
      resources: { warehose: 1 },
      message:
        'asset "orders" requests resource "warehouse", which the Definitions do not provide: did you mean "warehose"?',
    },
    {
      name: "no close key: how to provide it",
      resources: { github: 1 },
      message:
        'asset "orders" requests resource "warehouse", which the Definitions do not provide: add it, as new Definitions({ resources: { warehouse: defineResource({ setup }) } })',
    },
  ])("$name, before any step runs", async ({ resources, message }) => {
    await expect(materialize(new Definitions({ assets: [orders], resources }))).rejects.toThrow(message);
  });
});

describe("materialize() with fake resources", () => {
  it.each([
    { name: "a plain value", fake: { rows: 3 }, expected: { rows: 3 } },
    { name: "a resource definition", fake: defineResource({ setup: () => ({ rows: 5 }) }), expected: { rows: 5 } },
  ])("takes $name over the Definitions' resource", async ({ fake, expected }) => {
    const journal: string[] = [];
    const orders = asset({ key: "orders", resources: ["warehouse"] }, (ctx) => ctx.resources.warehouse);
    const definitions = new Definitions({ assets: [orders], resources: { warehouse: tracked(journal, "warehouse") } });
    const outcome = await materialize(definitions, { resources: { warehouse: fake } });
    expect(outcome.values.orders).toEqual(expected);
    expect(journal).toEqual([]);
  });

  it("runs assets without a Definitions on the given resources alone", async () => {
    const total = asset({ key: "total", resources: ["prices"] }, (ctx) => (ctx.resources.prices as number[]).length);
    const outcome = await materialize([total], { resources: { prices: [1, 2] } });
    expect(outcome.values.total).toBe(2);
  });
});
