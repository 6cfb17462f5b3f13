// Drives the real CLI the way the extension does: the arguments it builds, the process it spawns, the events it folds.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PROTOCOL_VERSION, RunsOutputSchema, readCliOutput, type RunEvent } from "assetline/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCli } from "../../../client/src/run/cliResolution";
import { runCliCommand, startRunProcess, type RunExit } from "../../../client/src/run/cliProcess";
import { logLines } from "../../../client/src/run/logLines";
import { cliArgs, materializeArgs, type RunTarget } from "../../../client/src/run/materializeArgs";
import {
  initialProgress,
  progressMessage,
  reduceRunProgress,
  type RunProgress,
} from "../../../client/src/run/runProgress";

const fixture = resolve(__dirname, "fixtures/runs");
const example = resolve(__dirname, "../../../examples/ecommerce");
let store: string;

beforeAll(() => {
  if (!existsSync(resolve(__dirname, "../../../sdk/dist/cli.js")))
    throw new Error("Build the CLI first: node scripts/build.mjs sdk");
  store = mkdtempSync(join(tmpdir(), "assetline-client-runs-"));
});
afterAll(() => rmSync(store, { recursive: true, force: true }));

interface Outcome {
  progress: RunProgress;
  messages: string[];
  lines: string[];
  /** What the stream said of its protocol: each mismatch, each line that could not be read. */
  problems: string[];
  exit: RunExit;
}

/** Runs a materialization as the editor does; `onEvent` may cancel it. */
async function run(
  root: string,
  target: RunTarget,
  onEvent?: (event: RunEvent, cancel: () => void) => void,
): Promise<Outcome> {
  const cli = resolveCli(root, undefined);
  if (!cli) throw new Error(`no assetline CLI resolvable from ${root}`);
  let progress = initialProgress;
  const messages: string[] = [];
  const lines: string[] = [];
  const problems: string[] = [];
  const child = startRunProcess(
    materializeArgs(cli.bin, root, target, { concurrency: 0, storeFolder: store, definitionsFile: "" }),
    root,
    {
      onEvent: (event) => {
        progress = reduceRunProgress(progress, event);
        messages.push(progressMessage(progress));
        lines.push(...logLines(event, progress.stepAssets));
        onEvent?.(event, child.cancel);
      },
      onOutput: (line) => lines.push(line),
      onMismatch: (found) => problems.push(`mismatch: ${found}`),
      onMalformed: (_line, error) => problems.push(`malformed: ${error}`),
    },
  );
  const exit = await child.exit;
  return { progress, messages, lines, problems, exit };
}

describe("materializing through the workspace's CLI", () => {
  it("shows each step of the plan, its checks among them, and ends in success", async () => {
    const { progress, messages, exit } = await run(example, { selection: "+key:revenue_by_segment" });
    expect(exit.code).toBe(0);
    expect(progress.status).toBe("success");
    // Four assets, each followed by its check steps (orders_raw's two inline checks, one on each of two others).
    expect(progress.total).toBe(8);
    expect(messages).toContain("check revenue_by_segment:row_count (8/8)");
    expect(messages).toContain("success (8/8)");
    expect(progress.materialized).toEqual(
      expect.arrayContaining(["orders_raw", "customers", "enriched_orders", "revenue_by_segment"]),
    );
  });

  it("reports the failing asset with its error, skips its downstream and streams logs by asset", async () => {
    const { progress, lines, exit } = await run(fixture, { selection: "+key:after_broken" });
    expect(exit.code).toBe(1);
    expect(progress.status).toBe("failed");
    expect(progress.failures.map((failure) => failure.assets)).toEqual([["broken"]]);
    expect(progress.failures[0]?.error.message).toContain("the source has no header row");
    expect(lines).toContain("[source] info: reading source");
    expect(lines).toContain("[source] second line");
    expect(lines.some((line) => line.startsWith("[after_broken] skipped:"))).toBe(true);
  });

  it("cancels on SIGTERM and the run is recorded as cancelled", async () => {
    const { progress, exit } = await run(fixture, { selection: "key:slow" }, (event, cancel) => {
      if (event.type === "step_started") cancel();
    });
    expect(progress.status).toBe("cancelled");
    expect(exit.code).not.toBe(0);
    const runs = await runCliCommand(
      cliArgs(resolveCli(fixture, undefined)!.bin, fixture, "runs", ["--json"], {
        concurrency: 0,
        storeFolder: store,
        definitionsFile: "",
      }),
      fixture,
    );
    const read = readCliOutput(RunsOutputSchema, runs.stdout);
    const recorded = read.ok ? read.value.runs.find((summary) => summary.id === progress.runId) : undefined;
    expect(recorded?.status).toBe("cancelled");
  });

  it("reads a run's logs and wipes an asset in the same store", async () => {
    const { progress } = await run(fixture, { selection: "key:source" });
    const bin = resolveCli(fixture, undefined)!.bin;
    const settings = { concurrency: 0, storeFolder: store, definitionsFile: "" };
    const logs = await runCliCommand(cliArgs(bin, fixture, "logs", [progress.runId!], settings), fixture);
    expect(logs.stdout).toContain("reading source");
    const wiped = await runCliCommand(cliArgs(bin, fixture, "wipe", ["source", "--yes"], settings), fixture);
    expect(wiped.code).toBe(0);
    expect(wiped.stdout).toContain("Wiped 1 of 1 asset");
  });

  it("says why when the CLI refuses the selection", async () => {
    const { progress, exit } = await run(example, { selection: "key:(" });
    expect(progress.runId).toBeUndefined();
    expect(exit.code).not.toBe(0);
    expect(exit.stderrTail.join("\n")).toMatch(/select/i);
  });
});

describe("materializing through a workspace CLI of another protocol version", () => {
  let root: string;
  /** The workspace's fake `assetline` prints `lines` as its whole event stream. */
  const printing = (lines: string[]) =>
    writeFileSync(join(root, "node_modules/assetline/output.txt"), lines.join("\n"));
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "assetline-client-old-cli-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ dependencies: { assetline: "0.0.9" } }));
    cpSync(resolve(__dirname, "../../protocol/fixtures/oldCli"), join(root, "node_modules/assetline"), {
      recursive: true,
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const started = { type: "run_started", runId: "r1", selection: "key:a", plan: [], timestamp: 1 };
  const finished = {
    type: "run_finished",
    runId: "r1",
    status: "success",
    durationMs: 2,
    succeeded: 1,
    failed: 0,
    skipped: 0,
    timestamp: 2,
  };

  it("says once that the stream has no protocol version, and reads none of its events", async () => {
    printing([JSON.stringify(started), "a print of the asset", JSON.stringify(finished)]);
    const { progress, problems, lines } = await run(root, { selection: "key:a" });
    expect(problems).toEqual(["mismatch: undefined"]);
    expect(progress).toEqual(initialProgress);
    // The unread lines still reach the output channel, as they are.
    expect(lines).toEqual([JSON.stringify(started), "a print of the asset", JSON.stringify(finished)]);
  });

  it("logs a line cut short and reads the whole lines around it", async () => {
    const line = (event: object) => JSON.stringify({ protocolVersion: PROTOCOL_VERSION, ...event });
    printing([line(started), line(finished).slice(0, 40), '{"type": "a print of the asset"}', line(finished)]);
    const { progress, problems, lines } = await run(root, { selection: "key:a" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^malformed: not JSON/);
    // The print is output; the cut line is not shown as if it were one.
    expect(lines).toContain('{"type": "a print of the asset"}');
    expect(lines.filter((text) => text.startsWith('{"protocolVersion"'))).toEqual([]);
    expect(progress.runId).toBe("r1");
    expect(progress.status).toBe("success");
  });
});
