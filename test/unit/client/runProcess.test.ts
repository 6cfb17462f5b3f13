// Drives the real CLI the way the extension does: the arguments it builds, the process it spawns, the events it folds.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunEvent, RunSummary } from "assetline/protocol";
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
    },
  );
  const exit = await child.exit;
  return { progress, messages, lines, exit };
}

describe("materializing through the workspace's CLI", () => {
  it("shows each step of the plan and ends in success", async () => {
    const { progress, messages, exit } = await run(example, { selection: "+key:revenue_by_segment" });
    expect(exit.code).toBe(0);
    expect(progress.status).toBe("success");
    expect(progress.total).toBe(4);
    expect(messages).toContain("revenue_by_segment (4/4)");
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
    const recorded = (JSON.parse(runs.stdout) as RunSummary[]).find((summary) => summary.id === progress.runId);
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
