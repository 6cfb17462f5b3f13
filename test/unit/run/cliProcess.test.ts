import Database from "better-sqlite3";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MaterializationSchema,
  RunsOutputSchema,
  StatusOutputSchema,
  type AssetStatus,
  type RunEvent,
  type RunSummary,
} from "assetline/protocol";
import {
  cli,
  copyExample,
  ensureCliBuilt,
  fixtureWorkspace,
  machineOutput,
  parseEvents,
  removeWorkspace,
  startCli,
  waitForOutput,
} from "./workspace";

const roots: string[] = [];
const workspace = (files: Record<string, string>) => {
  const root = fixtureWorkspace(files);
  roots.push(root);
  return root;
};

beforeAll(() => ensureCliBuilt());
afterAll(() => roots.forEach(removeWorkspace));

const stepEvent = (events: RunEvent[], type: RunEvent["type"], step: string) =>
  events.find((e) => e.type === type && "stepId" in e && e.stepId === step) as
    | (RunEvent & { timestamp: number })
    | undefined;

async function statusOf(root: string): Promise<Map<string, AssetStatus>> {
  const { assets } = machineOutput(StatusOutputSchema, (await cli(["status", "--json"], root)).stdout);
  return new Map(assets.map((s) => [s.key, s]));
}

async function runsOf(root: string): Promise<RunSummary[]> {
  return machineOutput(RunsOutputSchema, (await cli(["runs", "--json"], root)).stdout).runs;
}

const SLOW = `import { asset } from "assetline";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const slow_a = asset(async () => { await sleep(400); return "a"; });
export const slow_b = asset(async () => { await sleep(400); return "b"; });
export const joined = asset({ ins: { slow_a, slow_b } }, ({ slow_a, slow_b }) => slow_a + slow_b);
`;

describe("the runner as a process", () => {
  it("overlaps independent slow assets and starts a downstream only after both finished", async () => {
    const root = workspace({ "src/assets.ts": SLOW });
    const result = await cli(["materialize", "--json", "--concurrency", "2"], root);
    expect(result.code, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    const index = (type: RunEvent["type"], step: string) => events.indexOf(stepEvent(events, type, step)!);
    expect(index("step_started", "slow_b")).toBeLessThan(index("step_succeeded", "slow_a"));
    expect(index("step_started", "slow_a")).toBeLessThan(index("step_succeeded", "slow_b"));
    expect(index("step_started", "joined")).toBeGreaterThan(
      Math.max(index("step_succeeded", "slow_a"), index("step_succeeded", "slow_b")),
    );
    const joined = machineOutput(MaterializationSchema, (await cli(["show", "joined", "--json"], root)).stdout);
    expect(joined.upstreamDataVersions).toEqual({ slow_a: expect.any(String), slow_b: expect.any(String) });
  });

  it("fails a throwing asset with its TypeScript line, skips its downstream, runs the rest, exits 1 and keeps earlier values", async () => {
    const root = workspace({
      "src/assets.ts": [
        `import { asset } from "assetline";`,
        `export const good = asset(() => 1);`,
        `export const broken = asset((): number => {`,
        `  if (process.env.BREAK === "1") throw new Error("boom");`,
        `  return 2;`,
        `});`,
        `export const after = asset({ ins: { broken } }, ({ broken }) => broken + 1);`,
        ``,
      ].join("\n"),
    });
    expect((await cli(["materialize"], root)).code).toBe(0);
    const result = await cli(["materialize", "--json"], root, { BREAK: "1" });
    expect(result.code).toBe(1);
    const events = parseEvents(result.stdout);
    const failed = stepEvent(events, "step_failed", "broken") as Extract<RunEvent, { type: "step_failed" }>;
    expect(failed.error.message).toBe("boom");
    expect(failed.error.location).toEqual({
      file: join(root, "src", "assets.ts"),
      line: 4,
      column: expect.any(Number),
    });
    expect(failed.error.stack).toContain(`${join(root, "src", "assets.ts")}:4:`);
    // The runner's and the SDK's own frames say nothing about the asset's code and are left out.
    expect(failed.error.stack).not.toMatch(/dist\/cli\.js|sdk\/src\/|node:internal/);
    expect(stepEvent(events, "step_skipped", "after")).toMatchObject({ reason: "upstream broken failed" });
    expect(stepEvent(events, "step_succeeded", "good")).toBeDefined();
    expect(events.at(-1)).toMatchObject({
      type: "run_finished",
      status: "failed",
      succeeded: 1,
      failed: 1,
      skipped: 1,
    });

    const statuses = await statusOf(root);
    expect(statuses.get("broken")).toMatchObject({ state: "failed", reasons: ["last run failed: boom"] });
    expect(statuses.get("after")!.reasons).toEqual(["upstream broken failed"]);
    const kept = machineOutput(MaterializationSchema, (await cli(["show", "broken", "--json"], root)).stdout);
    expect(kept.metadata.bytes).toEqual({ type: "int", value: 1 });

    const human = await cli(["materialize"], root, { BREAK: "1" });
    expect(human.stdout).toMatch(/✖ broken failed: Error: boom\n\s+at .*src\/assets\.ts:4:/);
    expect(human.stdout).toMatch(/after\s+skipped/);
  });

  it("retries under the asset's retry policy", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
let calls = 0;
export const flaky = asset({ retryPolicy: { maxRetries: 2, delayMs: 10 } }, () => {
  calls++;
  if (calls < 3) throw new Error(\`attempt \${calls} failed\`);
  return calls;
});
`,
    });
    const result = await cli(["materialize", "--json"], root);
    expect(result.code, result.stderr).toBe(0);
    const events = parseEvents(result.stdout);
    expect(events.filter((e) => e.type === "step_retrying").map((e) => (e as { attempt: number }).attempt)).toEqual([
      1, 2,
    ]);
    expect(events.filter((e) => e.type === "step_started").map((e) => (e as { attempt: number }).attempt)).toEqual([
      0, 1, 2,
    ]);
  });

  const WAITS = `import { asset } from "assetline";
export const waits = asset((ctx) => new Promise<string>((resolve, reject) => {
  const timer = setTimeout(() => resolve("done"), 60_000);
  ctx.signal.addEventListener("abort", () => { clearTimeout(timer); reject(new Error("aborted")); });
}));
export const later = asset({ ins: { waits } }, ({ waits }) => waits);
`;

  it.each(["SIGINT", "SIGTERM"] as const)(
    "cancels on %s: the running step is told, the run is recorded as cancelled",
    async (signal) => {
      const root = workspace({ "src/assets.ts": WAITS });
      const child = startCli(["materialize", "--json"], root);
      await waitForOutput(child, /"step_started"/);
      child.kill(signal);
      const result = await child.done;
      expect(result.code).toBe(130);
      const events = parseEvents(result.stdout);
      expect(stepEvent(events, "step_skipped", "later")).toBeDefined();
      expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
      expect((await runsOf(root))[0]!.status).toBe("cancelled");
      expect((await statusOf(root)).get("waits")!.state).toBe("never");
    },
  );

  it("exits promptly on cancel even when a step ignores its signal, and stores nothing it produces later", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";
export const stubborn = asset(() => new Promise<string>((resolve) => setTimeout(() => resolve("late"), 1_500)));
`,
    });
    const child = startCli(["materialize", "--json"], root);
    await waitForOutput(child, /"step_started"/);
    child.kill("SIGTERM");
    const result = await child.done;
    expect(result.code).toBe(130);
    const events = parseEvents(result.stdout);
    expect(events.at(-1)).toMatchObject({ type: "run_finished", status: "cancelled" });
    expect(events.some((e) => e.type === "materialization")).toBe(false);
    // Had the process lived on, the late value would now be stored.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await statusOf(root)).get("stubborn")!.state).toBe("never");
  });

  it("materializes only what the --definitions file reaches, as the editor's assetline.definitionsFile setting asks", async () => {
    const root = workspace({
      "src/main.ts": `import { asset } from "assetline";\nexport const kept = asset(() => 1);\n`,
      "src/scratch.ts": `import { asset } from "assetline";\nexport const scratch = asset((): number => { throw new Error("not part of the pipeline"); });\n`,
    });
    const result = await cli(["materialize", "--json", "--definitions", "src/main.ts"], root);
    expect(result.code, result.stderr).toBe(0);
    expect(
      parseEvents(result.stdout)
        .filter((e) => e.type === "step_started")
        .map((e) => (e as { stepId: string }).stepId),
    ).toEqual(["kept"]);
  });

  it("marks a run whose process was killed with -9 as failed the next time the store opens", async () => {
    const root = workspace({ "src/assets.ts": WAITS });
    const child = startCli(["materialize", "--json"], root);
    await waitForOutput(child, /"step_started"/);
    child.kill("SIGKILL");
    expect((await child.done).signal).toBe("SIGKILL");
    const [run] = await runsOf(root);
    expect(run).toMatchObject({ status: "failed", endedAt: expect.any(Number) });
    expect((await cli(["logs", run!.id], root)).stdout).toMatch(/ended without finishing the run; marked failed/);
  });

  it("warns about an asset only running the code reveals (made by a factory function), which no run can select", async () => {
    const root = workspace({
      "src/assets.ts": [
        `import { asset } from "assetline";`,
        `export const base = asset(() => [1, 2, 3]);`,
        `const factory = (key: string) => asset({ key, deps: ["base"] }, () => key);`,
        `export const made = factory("gamma");`,
        ``,
      ].join("\n"),
    });
    const result = await cli(["materialize", "--json"], root);
    expect(result.code, result.stderr).toBe(0);
    const warning = parseEvents(result.stdout).find((event) => event.type === "log" && event.level === "warning");
    expect(warning).toMatchObject({ stepId: "", message: expect.stringContaining(`asset "gamma"`) });
    expect((warning as { message: string }).message).toContain("top-level `export const ... = asset(...)`");
    expect((await cli(["materialize"], root)).stdout).toMatch(/warning run: the loaded code defines asset "gamma"/);
  });

  it("refuses to run while the analyzer reports errors, printing each with its place", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";\nexport const lonely = asset({ deps: ["nowhere"] }, () => 1);\n`,
    });
    const result = await cli(["materialize", "--json"], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("the workspace has 1 error; fix it before materializing");
    expect(result.stderr).toMatch(/src\/assets\.ts:2:\d+ - error AL1001: .*nowhere/);
    expect(await runsOf(root)).toEqual([]);
  });

  it("says which module failed to load, at its TypeScript line", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";\nexport const a = asset(() => 1);\nthrow new Error("no config");\n`,
    });
    const result = await cli(["materialize"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("loading the workspace's definitions failed: Error: no config");
    expect(result.stderr).toContain(`${join(root, "src", "assets.ts")}:3:`);
  });

  it("refuses an asset key that tries to leave the storage folder", async () => {
    const root = workspace({
      "src/assets.ts": `import { asset } from "assetline";\nexport const escape = asset({ key: "../escape" }, () => 1);\n`,
    });
    const result = await cli(["materialize"], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`asset key "../escape" contains ".."`);
    const wipe = await cli(["wipe", "../escape", "--yes"], root);
    expect(wipe.code).toBe(2);
    expect(wipe.stderr).toContain("keys cannot walk out of their folder");
  });
});

describe("two runs at once on one workspace", () => {
  it("both succeed and the store stays consistent", async () => {
    const root = copyExample();
    roots.push(root);
    const [first, second] = await Promise.all([
      cli(["materialize", "--json"], root),
      cli(["materialize", "--json"], root),
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const runs = await runsOf(root);
    expect(runs.map((r) => r.status)).toEqual(["success", "success"]);
    const db = new Database(join(root, ".assetline", "assetline.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    // Every materialization each run announced is recorded once: no more, none lost.
    const announced = [first, second]
      .flatMap((run) => run.stdout.split("\n"))
      .filter((line) => line.includes('"type":"materialization"')).length;
    expect(announced).toBe(70); // the example's 35 materializations (its days count one each), twice
    expect((db.prepare("SELECT COUNT(*) AS n FROM materializations").get() as { n: number }).n).toBe(announced);
    db.close();
    // The external warehouse/orders is produced elsewhere: its state is unknown, never fresh.
    for (const status of (await statusOf(root)).values())
      expect(status.state, status.key).toBe(status.key === "warehouse/orders" ? "unknown" : "fresh");
    // Each run bundled the workspace into a file of its own and removed it once loaded.
    expect(readdirSync(join(root, ".assetline", "build"))).toEqual([]);
  });
});
