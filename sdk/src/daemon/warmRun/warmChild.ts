/**
 * A run process started ahead (the daemon's side): the CLI, started with an IPC channel and `ASSETLINE_WARM_RUN=1`,
 * loads the bundle and graph it is sent, says it is ready, and then runs the one run it is handed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { LoadMessage, ReadyMessage, RunMessage } from "./messages";

export class WarmChild {
  readonly process: ChildProcess;
  /** True once it has loaded the bundle and waits; false if it exited first (the bundle fails to load). */
  readonly ready: Promise<boolean>;
  handed = false;
  discarded = false;

  constructor(cliPath: string, root: string, load: LoadMessage) {
    this.process = spawn(process.execPath, [cliPath], {
      cwd: root,
      // The run process must work directly, not ask this daemon again.
      env: { ...process.env, ASSETLINE_NO_DAEMON: "1", ASSETLINE_WARM_RUN: "1" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.ready = new Promise<boolean>((resolve) => {
      this.process.once("message", (message: ReadyMessage) => resolve(message.type === "ready"));
      this.process.once("exit", () => resolve(false));
      this.process.once("error", () => resolve(false));
    });
    this.process.send(load);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null && this.process.connected;
  }

  /** Hands it its run; from now on it is the run's process, which exits when the run ends. */
  hand(argv: string[], cwd: string): ChildProcess {
    this.handed = true;
    const run: RunMessage = { type: "run", argv, cwd };
    this.process.send(run);
    return this.process;
  }

  /** A process still waiting is ended (its code changed, or the daemon stops); a handed one is the run's. */
  discard(): void {
    this.discarded = true;
    if (!this.handed) this.process.kill("SIGKILL");
  }
}
