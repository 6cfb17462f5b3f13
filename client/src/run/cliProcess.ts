/**
 * Runs the workspace's CLI as a child process with the `node` on PATH (the workspace's native modules are built for
 * it), never through a shell and never inside the extension host. No vscode import: the process side stays testable.
 */
import { execFile, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { RunEvent } from "assetline/protocol";
import { parseRunEvent, type RunLine } from "./parseRunEvent";

export interface RunProcessHandlers {
  onEvent(event: RunEvent): void;
  /** Any other output line: stderr, stdout text that is not an event, and every line after a mismatch. */
  onOutput(line: string): void;
  /**
   * The stream is of another protocol version (`found` undefined: from before versioning). Called once; the rest of
   * the stream is not read as events, only passed on as output.
   */
  onMismatch(found: number | undefined): void;
  /** A line of the CLI's that is cut short or not the declared shape; it is not read, the stream goes on. */
  onMalformed(line: string, error: string): void;
}

export interface RunExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not start at all (no `node` on PATH). */
  spawnError?: Error;
  /** The last lines of stderr, for an error message when the run ended without a `run_finished` event. */
  stderrTail: string[];
}

export interface RunProcess {
  /**
   * SIGTERM: the runner stops its steps and records the run as cancelled. An asset that ignores its abort signal can
   * keep the process alive, so a second SIGTERM (which the CLI obeys at once) follows if it has not exited in time.
   */
  cancel(): void;
  readonly exit: Promise<RunExit>;
}

const tailLines = 20;
const cancelGraceMs = 5000;

/** Starts `node <args>` in `cwd` and streams its `--json` events line by line. */
export function startRunProcess(
  args: string[],
  cwd: string,
  handlers: RunProcessHandlers,
  env: Record<string, string> = {},
): RunProcess {
  const child = spawn("node", args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    shell: false,
    windowsHide: true,
  });
  const stderrTail: string[] = [];
  let readable = true;
  createInterface({ input: child.stdout }).on("line", (line) => {
    const read: RunLine = readable ? parseRunEvent(line) : { kind: "output" };
    if (read.kind === "event") handlers.onEvent(read.event);
    else if (read.kind === "mismatch") {
      readable = false;
      handlers.onMismatch(read.found);
      handlers.onOutput(line);
    } else if (read.kind === "malformed") handlers.onMalformed(line, read.error);
    else if (line.trim() !== "") handlers.onOutput(line);
  });
  const stderrDone = new Promise<void>((resolve) => {
    const reader = createInterface({ input: child.stderr });
    reader.on("line", (line) => {
      stderrTail.push(line);
      if (stderrTail.length > tailLines) stderrTail.shift();
      handlers.onOutput(line);
    });
    reader.on("close", resolve);
  });
  const exit = new Promise<RunExit>((resolve) => {
    child.on("error", (spawnError) => resolve({ code: null, signal: null, spawnError, stderrTail }));
    // `close` (not `exit`) fires after stdout and stderr are drained, so no event is lost.
    child.on("close", (code, signal) => void stderrDone.then(() => resolve({ code, signal, stderrTail })));
  });
  let exited = false;
  void exit.then(() => (exited = true));
  const cancel = (): void => {
    if (exited) return;
    child.kill("SIGTERM");
    setTimeout(() => exited || child.kill("SIGTERM"), cancelGraceMs).unref();
  };
  return { cancel, exit };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a short CLI command (`runs --json`, `logs`, `wipe`) and collects its output. */
export function runCliCommand(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile("node", args, { cwd, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
  });
}
