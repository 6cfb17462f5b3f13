import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AssetSpec, MaterializeResult, asset, materialize, multiAsset } from "assetline";
import * as orders from "../../../examples/ecommerce/src/orders";
import * as pipeline from "../../../examples/ecommerce/src/pipeline";
import * as api from "../../../examples/ecommerce/src/api";

describe("materialize() in process", () => {
  it("materializes a module's assets in dependency order and returns values, metadata and logs", async () => {
    const outcome = await materialize(orders);
    expect(outcome.success).toBe(true);
    expect(outcome.values.revenue_by_segment).toEqual([
      { segment: "Premium", amount: 325 },
      { segment: "Standard", amount: 200 },
    ]);
    expect(outcome.metadata.orders_raw!.row_count).toEqual({ type: "int", value: 4 });
    expect(outcome.metadata.orders_raw!.preview!.type).toBe("md");
    expect(String(outcome.metadata.orders_raw!.preview!.value)).toContain("| order_id | customer_id | amount | date |");
    const started = outcome.events
      .filter((e) => e.type === "step_started")
      .map((e) => (e as { stepId: string }).stepId);
    expect(started.indexOf("enriched_orders")).toBeGreaterThan(started.indexOf("orders_raw"));
    expect(started.indexOf("revenue_by_segment")).toBeGreaterThan(started.indexOf("enriched_orders"));
  });

  it("keeps the asset's own metadata over the automatic one and stores each multi-asset result", async () => {
    const shop_api = {
      exportAll: async () => ({ users: [{ id: 1, name: "John" }], posts: [], comments: [{ id: 1 }] }),
    };
    const outcome = await materialize([pipeline, api], { resources: { shop_api } });
    expect(outcome.metadata.sales_report!.preview!.value).toContain("| date | total | orders |");
    expect(outcome.metadata.sales_report!.revenue_total!.type).toBe("float");
    // A partitioned asset's metadata is per partition: the seed's first day holds 24 of its hourly orders.
    expect(outcome.metadata["bronze_orders[2026-03-01]"]!.row_count).toEqual({ type: "int", value: 24 });
    expect(outcome.values.users).toEqual([{ id: 1, name: "John" }]);
    expect(outcome.metadata.comments!.count).toEqual({ type: "int", value: 1 });
    expect(outcome.logs["users,posts,comments"]).toEqual([{ level: "info", message: "Making single call to API..." }]);
  });

  it("runs a selection, loading upstream values from `inputs`, and names the missing upstream otherwise", async () => {
    const segments = asset({ key: "segments" }, () => [{ segment: "A", amount: 1 }]);
    const counted = asset({ key: "counted", ins: { segments } }, ({ segments }) => segments.length);
    const selected = await materialize([segments, counted], {
      selection: "key:counted",
      inputs: {
        segments: [
          { segment: "A", amount: 2 },
          { segment: "B", amount: 3 },
        ],
      },
    });
    expect(selected.values).toEqual({ counted: 2 });
    const missing = await materialize(orders, { selection: ["revenue_by_segment"] });
    expect(missing.success).toBe(false);
    expect(missing.errors.revenue_by_segment!.message).toMatch(
      /loads "enriched_orders".*never materialized.*\+key:revenue_by_segment/,
    );
  });

  it("records the data version of an upstream given in `inputs`, as a run with the store would", async () => {
    const value = [{ segment: "A", amount: 2 }];
    const segments = asset(() => value);
    const counted = asset({ ins: { segments } }, ({ segments }) => segments.length);
    const full = await materialize({ segments, counted });
    const given = await materialize({ segments, counted }, { selection: ["counted"], inputs: { segments: value } });
    const consumed = (outcome: typeof given) =>
      outcome.events.flatMap((e) =>
        e.type === "materialization" && e.materialization.key === "counted"
          ? [e.materialization.upstreamDataVersions]
          : [],
      );
    expect(consumed(full)[0]).toHaveProperty("segments");
    expect(consumed(given)).toEqual(consumed(full));
  });

  it("fails a throwing asset, skips its downstream with the reason, and still runs the rest", async () => {
    const broken = asset({ key: "broken" }, (): number[] => {
      throw new Error("boom");
    });
    const after = asset({ key: "after", ins: { broken } }, ({ broken }) => broken.length);
    const other = asset({ key: "other" }, () => 1);
    const outcome = await materialize([broken, after, other]);
    expect(outcome.status).toBe("failed");
    expect(outcome.errors.broken!.message).toBe("boom");
    expect(outcome.errors.broken!.location?.file).toMatch(/inProcess\.test\.ts$/);
    const skipped = outcome.events.find((e) => e.type === "step_skipped");
    expect(skipped).toMatchObject({ stepId: "after", reason: "upstream broken failed" });
    expect(outcome.values).toEqual({ other: 1 });
  });

  it("skips a 5,000-asset chain below a failed asset without running out of stack", async () => {
    const chain: Record<string, unknown> = {
      c0: asset({ key: "c0" }, (): number => {
        throw new Error("first fails");
      }),
    };
    for (let i = 1; i < 5000; i++) {
      const up = chain[`c${i - 1}`] as ReturnType<typeof asset<number>>;
      chain[`c${i}`] = asset({ key: `c${i}`, ins: { up } }, ({ up }) => up);
    }
    const outcome = await materialize(chain);
    expect(outcome).toMatchObject({ status: "failed", failed: 1, skipped: 4999 });
  });

  it("retries a step under its retry policy", async () => {
    let calls = 0;
    const flaky = asset({ key: "flaky", retryPolicy: { maxRetries: 2, delayMs: 1 } }, () => {
      calls++;
      if (calls < 3) throw new Error(`attempt ${calls} failed`);
      return calls;
    });
    const outcome = await materialize([flaky]);
    expect(outcome.values.flaky).toBe(3);
    expect(outcome.events.filter((e) => e.type === "step_retrying")).toHaveLength(2);
  });

  it("tells running steps through ctx.signal when cancelled, and skips what had not started", async () => {
    let sawAbort = false;
    const waits = asset(
      { key: "waits" },
      (ctx) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => resolve(1), 10_000);
          ctx.signal.addEventListener("abort", () => {
            sawAbort = true;
            clearTimeout(timer);
            reject(new Error("aborted"));
          });
        }),
    );
    const next = asset({ key: "next", ins: { waits } }, ({ waits }) => waits + 1);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const outcome = await materialize([waits, next], { signal: controller.signal });
    expect(outcome.status).toBe("cancelled");
    expect(sawAbort).toBe(true);
    expect(outcome.events.find((e) => e.type === "step_skipped")).toMatchObject({ stepId: "next" });
  });

  it("leaves no listener on a signal shared by many runs (Node warned of a leak after six)", async () => {
    const controller = new AbortController();
    const one = asset({ key: "one" }, () => 1);
    for (let i = 0; i < 3; i++) expect((await materialize([one], { signal: controller.signal })).success).toBe(true);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("leaves the preview out when the asset turns it off, and keeps row counts", async () => {
    const quiet = asset({ key: "quiet", preview: false }, () => [{ a: 1 }, { a: 2 }]);
    const outcome = await materialize([quiet]);
    expect(outcome.metadata.quiet!.preview).toBeUndefined();
    expect(outcome.metadata.quiet!.row_count).toEqual({ type: "int", value: 2 });
  });

  it("refuses a multi-asset result for a key it does not declare", async () => {
    const multi = multiAsset({ specs: [AssetSpec("a")] }, function* () {
      yield new MaterializeResult({ assetKey: "b", value: 1 });
    });
    const outcome = await materialize({ multi });
    expect(outcome.errors.a!.message).toContain(`yielded "b", which is not one of its specs`);
  });
});
