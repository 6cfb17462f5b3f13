/**
 * `assetline dev` evaluates automation conditions: after `assetline materialize raw`, the eager `clean` runs on its own
 * (a run with origin `automation`), `assetline automation` says why, and a later quiet tick starts nothing.
 */
import { describe, expect, it } from "vitest";
import type { AutomationRecord } from "../../../sdk/src/protocol/automation";
import type { RunSummary } from "../../../sdk/src/protocol";
import { requestedRuns } from "../../../sdk/src/daemon/automationTicks";
import { cli, fixtureWorkspaces } from "../run/workspace";
import { daemonStarter } from "./devProcess";

const workspace = fixtureWorkspaces();
const EAGER = `import { AutomationCondition, asset } from "assetline";
export const raw = asset(() => [1, 2, 3]);
// Slow enough for the test to read the evaluation that started it before the next one replaces it.
export const clean = asset(
  { ins: { raw }, automationCondition: AutomationCondition.eager() },
  async ({ raw }) => {
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    return raw.map((n) => n * 2);
  },
);
`;

const startDaemon = daemonStarter();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function evaluations(root: string): Promise<AutomationRecord[]> {
  const result = await cli(["automation", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { evaluations: AutomationRecord[] }).evaluations;
}

async function runs(root: string): Promise<RunSummary[]> {
  const result = await cli(["runs", "--json"], root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { runs: RunSummary[] }).runs;
}

/** Polls until `found` answers something, for at most `ms`. */
async function waitFor<T>(what: string, ms: number, found: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await found();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("assetline dev evaluates automation conditions", () => {
  it("runs an eager asset after its upstream updates, says why, and then rests", async () => {
    const root = workspace({ "src/assets.ts": EAGER });
    const daemon = await startDaemon(root, { ASSETLINE_AUTOMATION_INTERVAL_MS: "20000" });
    // The first evaluation: clean waits for raw.
    const waiting = await waitFor("the first evaluation", 10_000, async () =>
      (await evaluations(root)).find((record) => record.key === "clean"),
    );
    expect(waiting).toMatchObject({ willRun: false, reason: "waits: upstream raw is missing" });

    // Run without the daemon: it sees the run in the store.
    const materialized = await cli(["materialize", "raw"], root, { ASSETLINE_NO_DAEMON: "1" });
    expect(materialized.code, materialized.stderr).toBe(0);
    const requested = await waitFor("clean's request", 15_000, async () =>
      (await evaluations(root)).find((record) => record.key === "clean" && record.willRun && record.runId),
    );
    expect(requested.reason).toMatch(/^will run: upstream raw was updated/);

    const run = await waitFor("clean's run", 20_000, async () =>
      (await runs(root)).find((each) => each.id === requested.runId && each.status !== "running"),
    );
    expect(run).toMatchObject({ origin: "automation", status: "success", selection: "key:clean" });

    // The tick after its run: clean is not requested again, and no other run starts.
    await sleep(2_000);
    const [quiet] = (await evaluations(root)).filter((record) => record.key === "clean");
    expect(quiet).toMatchObject({ willRun: false });
    expect(quiet!.reason).toMatch(/^not now: /);
    expect(quiet!.runId).toBeUndefined();
    expect((await runs(root)).length).toBe(2);
    const text = await cli(["automation", "clean"], root);
    expect(text.stdout).toMatch(/clean +not now +nothing changed/);
    const shown = await cli(["show", "clean"], root);
    expect(shown.stdout).toMatch(/ {2}automation \(eager\): not now: nothing changed .*\(evaluated /);
    daemon.kill("SIGTERM");
    await daemon.done;
  }, 90_000);
});

describe("the runs an evaluation asks for", () => {
  it("runs the unpartitioned assets together and each partition on its own, with origin automation", () => {
    const runs = requestedRuns(
      [
        { key: "a", willRun: true, reason: "will run: it is missing" },
        { key: "b", willRun: false, reason: "not now: already in progress" },
        { key: "c", willRun: true, reason: "will run: it is missing" },
        { key: "daily", partition: "2026-03-02", willRun: true, reason: "will run: it is missing" },
        { key: "weekly", partition: "2026-03-02", willRun: true, reason: "will run: it is missing" },
        { key: "daily", partition: "2026-03-01", willRun: true, reason: "will run: it is missing" },
      ],
      1_000,
    );
    expect(runs.map(({ options, targets }) => ({ options, targets }))).toEqual([
      { options: { select: "key:a or key:c", origin: "automation" }, targets: [{ key: "a" }, { key: "c" }] },
      {
        options: { select: "key:daily or key:weekly", origin: "automation", partition: "2026-03-02" },
        targets: [
          { key: "daily", partition: "2026-03-02" },
          { key: "weekly", partition: "2026-03-02" },
        ],
      },
      {
        options: { select: "key:daily", origin: "automation", partition: "2026-03-01" },
        targets: [{ key: "daily", partition: "2026-03-01" }],
      },
    ]);
  });
});
