/**
 * Runs the daemon starts: each in its own process (the CLI's `materialize --json`, so user code never runs in the
 * daemon), its events relayed as they come. Cancelling one is Ctrl-C on its CLI: SIGINT, after which the run records
 * itself cancelled and exits 130.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { readCliOutput, RunEventSchema, type RunEvent } from "../protocol";
import type { MaterializeParams } from "../protocol/daemon";
import type { DaemonTarget } from "./client";

/** The daemon's own: a caller cannot point a run at another store, workspace or output format. */
const FIXED_OPTIONS = new Set(["json", "store", "definitions", "dry-run"]);

export interface RunListener {
  event(ticket: string, event: RunEvent): void;
  stderr(ticket: string, text: string): void;
}

interface LiveRun {
  child: ChildProcess;
  runId?: string;
  exited: Promise<void>;
}

export class RunProcesses {
  private readonly live = new Map<string, LiveRun>();

  constructor(
    private readonly target: DaemonTarget,
    /** The CLI the daemon itself runs (`bin/assetline.js`). */
    private readonly cliPath: string,
    private readonly listener: RunListener,
  ) {}

  /** Starts the run and resolves when its process has exited and every event it printed was relayed. */
  materialize(params: MaterializeParams): Promise<{ exitCode: number; runId?: string }> {
    const { ticket } = params;
    if (this.live.has(ticket)) throw new Error(`a run with ticket ${ticket} is already running`);
    const child = spawn(process.execPath, [this.cliPath, "materialize", ...this.argv(params)], {
      cwd: params.cwd,
      // The run process must work directly, not ask this daemon again.
      env: { ...process.env, ASSETLINE_NO_DAEMON: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const run: LiveRun = { child, exited: Promise.resolve() };
    this.live.set(ticket, run);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const read = readCliOutput(RunEventSchema, line);
      if (!read.ok) return;
      run.runId ??= read.value.runId;
      this.listener.event(ticket, read.value);
    });
    child.stderr!.setEncoding("utf8").on("data", (text: string) => this.listener.stderr(ticket, text));
    const done = new Promise<{ exitCode: number; runId?: string }>((resolve) => {
      child.on("error", (error) => {
        this.listener.stderr(ticket, `assetline dev: could not start the run process: ${error.message}\n`);
        this.live.delete(ticket);
        resolve({ exitCode: 1 });
      });
      child.on("close", (code, signal) => {
        this.live.delete(ticket);
        resolve({ exitCode: code ?? (signal === "SIGINT" ? 130 : 1), ...(run.runId && { runId: run.runId }) });
      });
    });
    run.exited = done.then(() => undefined);
    return done;
  }

  /** SIGINT to the run with this ticket or run id (or its start); whether one was found. */
  cancel({ runId, ticket }: { runId?: string; ticket?: string }): boolean {
    const found = [...this.live.entries()].find(
      ([key, run]) => key === ticket || (runId !== undefined && run.runId?.startsWith(runId)),
    );
    found?.[1].child.kill("SIGINT");
    return found !== undefined;
  }

  /** Cancels every run and waits for their processes to record it and exit. */
  async cancelAll(): Promise<void> {
    const runs = [...this.live.values()];
    for (const run of runs) run.child.kill("SIGINT");
    await Promise.all(runs.map((run) => run.exited));
  }

  private argv({ keys, options }: MaterializeParams): string[] {
    const flags = Object.entries(options).flatMap(([name, value]) => {
      if (FIXED_OPTIONS.has(name) || !/^[a-z][a-z-]*$/.test(name)) return [];
      if (value === false) return [];
      return [value === true ? `--${name}` : `--${name}=${value}`];
    });
    const { root, storeDir, definitionsFile } = this.target;
    const definitions = definitionsFile === undefined ? [] : ["--definitions", `${root}/${definitionsFile}`];
    return [...keys, ...flags, "--json", "--store", storeDir, ...definitions, root];
  }
}
