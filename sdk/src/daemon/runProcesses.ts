/**
 * Runs the daemon starts: each in its own process (the CLI's `materialize --json`, so user code never runs in the
 * daemon), its events relayed as they come. The process is the warm one started ahead when there is one (see
 * warmRun/), else a cold one. Cancelling one is Ctrl-C on its CLI: SIGINT, after which the run records itself
 * cancelled and exits 130.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { readCliOutput, RunEventSchema, type RunEvent } from "../protocol";
import type { MaterializeParams } from "../protocol/daemon";
import type { DaemonTarget } from "./client";
import { type WarmSources, WarmRuns } from "./warmRun/warmRuns";

/** The daemon's own: a caller cannot point a run at another store, workspace or output format. */
const FIXED_OPTIONS = new Set(["json", "store", "definitions", "dry-run"]);

export interface RunListener {
  event(ticket: string, event: RunEvent): void;
  stderr(ticket: string, text: string): void;
}

interface LiveRun {
  /** Undefined while the run waits for its warm process. */
  child?: ChildProcess;
  /** Cancelled before it had a process: it gets SIGINT as soon as it has one. */
  cancelled?: boolean;
  runId?: string;
  exited: Promise<void>;
}

/** The warm graph and the code changes the warm run processes follow. */
export interface WarmCode {
  sources(): WarmSources;
  onGraphChange(listener: () => void): void;
  log(line: string): void;
}

export class RunProcesses {
  private readonly live = new Map<string, LiveRun>();
  private readonly warmRuns: WarmRuns;

  constructor(
    private readonly target: DaemonTarget,
    /** The CLI the daemon itself runs (`bin/assetline.js`). */
    private readonly cliPath: string,
    private readonly listener: RunListener,
    code: WarmCode,
  ) {
    this.warmRuns = new WarmRuns(target, cliPath, () => code.sources(), code.log);
    code.onGraphChange(() => this.warmRuns.refresh());
  }

  /** A request came in: preparing the next warm run process waits for a quiet moment (see warmRun/warmRuns.ts). */
  busy(): void {
    this.warmRuns.busy();
  }

  /** Starts the run and resolves when its process has exited and every event it printed was relayed. */
  async materialize(params: MaterializeParams): Promise<{ exitCode: number; runId?: string; warm: boolean }> {
    const { ticket } = params;
    if (this.live.has(ticket)) throw new Error(`a run with ticket ${ticket} is already running`);
    let exited = () => {};
    const run: LiveRun = { exited: new Promise((resolve) => (exited = resolve)) };
    this.live.set(ticket, run);
    const argv = ["materialize", ...this.argv(params)];
    const warm = await this.warmRuns.take();
    const child =
      warm?.hand(argv, params.cwd) ??
      spawn(process.execPath, [this.cliPath, ...argv], {
        cwd: params.cwd,
        // The run process must work directly, not ask this daemon again.
        env: { ...process.env, ASSETLINE_NO_DAEMON: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    run.child = child;
    if (run.cancelled) child.kill("SIGINT");
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const read = readCliOutput(RunEventSchema, line);
      if (!read.ok) return;
      run.runId ??= read.value.runId;
      this.listener.event(ticket, read.value);
    });
    child.stderr!.setEncoding("utf8").on("data", (text: string) => this.listener.stderr(ticket, text));
    const started = { warm: warm !== undefined };
    const done = new Promise<{ exitCode: number; runId?: string; warm: boolean }>((resolve) => {
      child.on("error", (error) => {
        this.listener.stderr(ticket, `assetline dev: could not start the run process: ${error.message}\n`);
        this.live.delete(ticket);
        resolve({ exitCode: 1, ...started });
      });
      child.on("close", (code, signal) => {
        this.live.delete(ticket);
        const exitCode = code ?? (signal === "SIGINT" ? 130 : 1);
        resolve({ exitCode, ...(run.runId && { runId: run.runId }), ...started });
      });
    });
    void done.then(exited);
    return done;
  }

  /** SIGINT to the run with this ticket or run id (or its start); whether one was found. */
  cancel({ runId, ticket }: { runId?: string; ticket?: string }): boolean {
    const found = [...this.live.entries()].find(
      ([key, run]) => key === ticket || (runId !== undefined && run.runId?.startsWith(runId)),
    );
    if (found !== undefined) this.interrupt(found[1]);
    return found !== undefined;
  }

  /** Cancels every run and waits for their processes to record it and exit; then ends the warm process. */
  async cancelAll(): Promise<void> {
    const runs = [...this.live.values()];
    for (const run of runs) this.interrupt(run);
    await Promise.all(runs.map((run) => run.exited));
    await this.warmRuns.close();
  }

  private interrupt(run: LiveRun): void {
    run.cancelled = true;
    run.child?.kill("SIGINT");
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
