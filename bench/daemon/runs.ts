/**
 * The daemon benchmark's runs and edits (issue 14 item 7), on the workspace bench/daemon/run.ts generates and with the
 * daemon it started: the same 5-step selection run by the cold CLI and through the daemon, and one-file edits.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { connectDaemon } from "../../sdk/src/daemon/client";
import type { RunEvent } from "../../sdk/src/protocol";
import { DaemonMethods } from "../../sdk/src/protocol/daemon";
import { cliBin, median } from "../cliWorkspace";

/** Click → first step running, and → run done (ms). */
export interface RunTiming {
  firstStepMs: number;
  doneMs: number;
}

const medians = (timings: RunTiming[]): RunTiming => ({
  firstStepMs: median(timings.map((t) => t.firstStepMs)),
  doneMs: median(timings.map((t) => t.doneMs)),
});

/** Until the daemon has started the next run process ahead: runs are clicked seconds apart, not back to back. */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `assetline materialize --json KEYS` in a child process (the cold CLI, or the CLI asking the daemon). */
function timeCliRun(root: string, keys: string[], env: NodeJS.ProcessEnv): Promise<RunTiming> {
  const started = performance.now();
  let firstStepMs = Number.NaN;
  const child = spawn(process.execPath, [cliBin, "materialize", "--json", ...keys, root], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    if (Number.isNaN(firstStepMs) && chunk.toString().includes('"step_started"'))
      firstStepMs = performance.now() - started;
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0
        ? resolve({ firstStepMs, doneMs: performance.now() - started })
        : reject(new Error(`assetline materialize exited with ${code}`)),
    ),
  );
}

export async function coldRuns(root: string, keys: string[], times: number): Promise<RunTiming> {
  const timings: RunTiming[] = [];
  for (let i = 0; i < times; i++)
    timings.push(await timeCliRun(root, keys, { ...process.env, ASSETLINE_NO_DAEMON: "1" }));
  return medians(timings);
}

export async function cliRunsThroughDaemon(root: string, keys: string[], times: number): Promise<RunTiming> {
  const timings: RunTiming[] = [];
  for (let i = 0; i < times; i++) {
    await pause(4000);
    timings.push(await timeCliRun(root, keys, process.env));
  }
  return medians(timings);
}

/** The daemon's `materialize` request, as the editor's click sends it. */
export async function requestRuns(root: string, keys: string[], times: number): Promise<RunTiming> {
  const client = await connectDaemon({ root, storeDir: join(root, ".assetline") });
  if (client === undefined) throw new Error("the daemon did not answer on its socket");
  const timings: RunTiming[] = [];
  try {
    for (let i = 0; i < times; i++) {
      await pause(4000);
      const ticket = randomUUID();
      const started = performance.now();
      let firstStepMs = Number.NaN;
      client.connection.onNotification(
        DaemonMethods.runEvent,
        ({ ticket: of, event }: { ticket: string; event: RunEvent }) => {
          if (of === ticket && event.type === "step_started" && Number.isNaN(firstStepMs))
            firstStepMs = performance.now() - started;
        },
      );
      const { exitCode } = (await client.connection.sendRequest(DaemonMethods.materialize, {
        ticket,
        cwd: root,
        keys,
        options: {},
      })) as { exitCode: number };
      if (exitCode !== 0) throw new Error(`the daemon's run exited with ${exitCode}`);
      timings.push({ firstStepMs, doneMs: performance.now() - started });
    }
  } finally {
    client.close();
  }
  return medians(timings);
}

/**
 * Writing one file (a layer with one more asset, then without it) until the daemon says its graph took it in: its
 * stdout line `the workspace changed: graph updated`.
 */
export async function editsTakenIn(root: string, daemonOut: Readable, file: string, times: number): Promise<number> {
  const path = join(root, "src", file);
  const original = readFileSync(path, "utf8");
  const timings: number[] = [];
  for (let i = 0; i < times; i++) {
    await pause(3000);
    const seen = new Promise<number>((resolve) => {
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes("graph updated")) return;
        daemonOut.off("data", onData);
        resolve(performance.now());
      };
      daemonOut.on("data", onData);
    });
    const started = performance.now();
    writeFileSync(path, i % 2 === 0 ? `${original}export const edited_${i} = asset(() => ${i});\n` : original);
    timings.push((await seen) - started);
  }
  writeFileSync(path, original);
  return median(timings);
}
