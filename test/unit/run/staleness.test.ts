import { describe, expect, it } from "vitest";
import type { AssetGraph, AssetNode, Materialization } from "assetline/protocol";
import { computeStatuses } from "../../../sdk/src/status/staleness";

const node = (key: string, kind: AssetNode["kind"] = "asset"): AssetNode => ({
  key,
  kind,
  group: "default",
  tags: {},
  kinds: [],
  owners: [],
  codeVersion: `v-${key}`,
});
const graph: AssetGraph = {
  nodes: [node("raw", "external"), node("alpha"), node("beta"), node("gamma")],
  edges: [
    { from: "raw", to: "alpha", kind: "order" },
    { from: "alpha", to: "beta", kind: "data" },
    { from: "beta", to: "gamma", kind: "data" },
  ],
  jobs: [],
};
const MINUTE = 60_000;
const materialized = (key: string, timestamp: number, codeVersion = `v-${key}`): [string, Materialization] => [
  key,
  {
    key,
    runId: "r",
    timestamp,
    durationMs: 1,
    metadata: {},
    codeVersion,
    dataVersion: `d-${key}-${timestamp}`,
    upstreamDataVersions: {},
  },
];

const statusMap = (
  materializations: [string, Materialization][],
  failures: [string, { runId: string; timestamp: number; error: string }][] = [],
) =>
  new Map(
    computeStatuses({ graph, materializations: new Map(materializations), failures: new Map(failures) }).map((s) => [
      s.key,
      s,
    ]),
  );

describe("staleness", () => {
  it("is fresh when everything was materialized in order with the current code; an external is unknown and never makes anything stale", () => {
    const statuses = statusMap([materialized("alpha", 1), materialized("beta", 2), materialized("gamma", 3)]);
    expect([...statuses.values()].map((s) => [s.key, s.state, s.reasons])).toEqual([
      ["raw", "unknown", ["external asset: produced outside Assetline, which records no materialization of it"]],
      ["alpha", "fresh", []],
      ["beta", "fresh", []],
      ["gamma", "fresh", []],
    ]);
  });

  it("is stale when it consumed another upstream value than the latest, even if that one is older", () => {
    // Another run recorded alpha at 2 while this one, having loaded alpha's value from 1, recorded beta at 3.
    const [, beta] = materialized("beta", 3);
    beta.upstreamDataVersions = { alpha: "d-alpha-1" };
    const statuses = statusMap([materialized("alpha", 2), ["beta", beta], materialized("gamma", 4)]);
    expect(statuses.get("beta")).toMatchObject({
      state: "stale",
      reasons: ["upstream alpha changed since this one consumed it"],
    });
    expect(statuses.get("gamma")?.reasons).toEqual(["upstream beta is stale"]);
    beta.upstreamDataVersions = { alpha: "d-alpha-2" };
    expect(statusMap([materialized("alpha", 2), ["beta", beta]]).get("beta")?.state).toBe("fresh");
  });

  it("names a code change and propagates it downstream", () => {
    const statuses = statusMap([materialized("alpha", 1, "old"), materialized("beta", 2), materialized("gamma", 3)]);
    expect(statuses.get("alpha")!.reasons).toEqual(["code changed since last materialization"]);
    expect(statuses.get("beta")!.reasons).toEqual(["upstream alpha is stale"]);
    expect(statuses.get("gamma")).toMatchObject({ state: "stale", reasons: ["upstream beta is stale"] });
  });

  it("says how much later an upstream was materialized", () => {
    const statuses = statusMap([
      materialized("alpha", 10 * MINUTE),
      materialized("beta", 6 * MINUTE),
      materialized("gamma", 11 * MINUTE),
    ]);
    expect(statuses.get("beta")!.reasons).toEqual(["upstream alpha materialized 4 min after this one"]);
    expect(statuses.get("gamma")!.reasons).toEqual(["upstream beta is stale"]);
  });

  it("reports a failure newer than the last materialization, and makes downstream stale", () => {
    const statuses = statusMap(
      [materialized("alpha", 1), materialized("beta", 2), materialized("gamma", 3)],
      [["alpha", { runId: "r2", timestamp: 5, error: "boom" }]],
    );
    expect(statuses.get("alpha")).toMatchObject({
      state: "failed",
      reasons: ["last run failed: boom"],
      lastFailure: { error: "boom" },
    });
    expect(statuses.get("beta")!.reasons).toEqual(["upstream alpha failed"]);
  });

  it("marks never-materialized assets and their downstream", () => {
    const statuses = statusMap([materialized("beta", 2)]);
    expect(statuses.get("alpha")).toMatchObject({ state: "never", reasons: ["never materialized"] });
    expect(statuses.get("beta")).toMatchObject({ state: "stale", reasons: ["upstream alpha was never materialized"] });
    expect(statuses.get("gamma")!.reasons).toEqual(["never materialized", "upstream beta is stale"]);
  });
});

describe("staleness on a long chain", () => {
  it("propagates through 20,000 assets without running out of stack", () => {
    const size = 20_000;
    const chain: AssetGraph = {
      nodes: Array.from({ length: size }, (_, i) => node(`c${i}`)).reverse(),
      edges: Array.from({ length: size - 1 }, (_, i) => ({ from: `c${i}`, to: `c${i + 1}`, kind: "data" as const })),
      jobs: [],
    };
    const statuses = computeStatuses({
      graph: chain,
      materializations: new Map([materialized(`c${size - 1}`, 1)]),
      failures: new Map(),
    });
    expect(statuses[0]).toMatchObject({
      key: `c${size - 1}`,
      state: "stale",
      reasons: [`upstream c${size - 2} was never materialized`],
    });
  });
});
