/**
 * The worker's side of its step processes: one long-lived child per bundle hash (the CLI's own bundle, forked with
 * `stepProcessEnv`), each running the steps of that code it is sent, several at once. A child that exits fails the
 * attempts it was running (the queue retries them by policy) and is replaced on the next step; one idle for a minute
 * is let go.
 */
import { type ChildProcess, fork } from "node:child_process";
import * as v from "valibot";
import { attemptKey, FromStepProcessSchema, type RunEvent, type StepAttempt, type ToStepProcess } from "../protocol";
import { type StepProcessSetup, stepProcessEnv } from "./stepProcessSetup";

const IDLE_MS = 60_000;

interface Attempt {
  onEvent(event: RunEvent): void;
  settle(error: string | undefined): void;
}

interface StepChild {
  process: ChildProcess;
  attempts: Map<string, Attempt>;
  idle?: NodeJS.Timeout;
}

export class StepProcesses {
  private readonly children = new Map<string, StepChild>();

  constructor(
    /** The CLI's bundle: a step process is the CLI started in its step-process mode. */
    private readonly cliPath: string,
    private readonly setup: Omit<StepProcessSetup, "hash">,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * Runs one attempt in the process of `hash`; resolves when it succeeded, rejects with why it failed. `signal`
   * aborts the step in the child (its run was cancelled); the child's events go to `onEvent` as they come.
   */
  run(
    hash: string,
    attempt: StepAttempt,
    plan: string,
    signal: AbortSignal,
    onEvent: (event: RunEvent) => void,
  ): Promise<void> {
    const child = this.childFor(hash);
    const key = attemptKey(attempt);
    clearTimeout(child.idle);
    return new Promise<void>((resolve, reject) => {
      const cancel = () => send(child, { type: "cancel", ...attempt });
      child.attempts.set(key, {
        onEvent,
        settle: (error) => {
          signal.removeEventListener("abort", cancel);
          child.attempts.delete(key);
          if (child.attempts.size === 0 && this.children.get(hash) === child)
            child.idle = setTimeout(() => this.drop(hash), IDLE_MS).unref();
          if (error === undefined) resolve();
          else reject(new Error(error));
        },
      });
      signal.addEventListener("abort", cancel, { once: true });
      send(child, { type: "step", ...attempt, plan });
      if (signal.aborted) cancel();
    });
  }

  /** Lets every child go (their running attempts fail as a crash's would): the worker stops. */
  close(): void {
    for (const hash of [...this.children.keys()]) this.drop(hash);
  }

  private drop(hash: string): void {
    const child = this.children.get(hash);
    if (!child) return;
    this.children.delete(hash);
    clearTimeout(child.idle);
    // Disconnected, it exits on its own; killed if it does not (a step ignoring its signal).
    if (child.process.connected) child.process.disconnect();
    setTimeout(() => child.process.kill("SIGKILL"), 5_000).unref();
  }

  private childFor(hash: string): StepChild {
    const existing = this.children.get(hash);
    if (existing && existing.process.exitCode === null && existing.process.signalCode === null) return existing;
    const spawned = fork(this.cliPath, [], {
      env: { ...process.env, ASSETLINE_NO_DAEMON: "1", ...stepProcessEnv({ ...this.setup, hash }) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const child: StepChild = { process: spawned, attempts: new Map() };
    this.children.set(hash, child);
    spawned.on("message", (raw) => {
      const parsed = v.safeParse(FromStepProcessSchema, raw);
      if (!parsed.success) {
        this.log(`assetline worker: the step process sent an unexpected message, ignored: ${JSON.stringify(raw)}`);
        return;
      }
      const message = parsed.output;
      const attempt = child.attempts.get(attemptKey(message));
      if (message.type === "event") attempt?.onEvent(message.event);
      else attempt?.settle(message.error);
    });
    spawned.once("exit", (code, signal) => {
      if (this.children.get(hash) === child) this.children.delete(hash);
      clearTimeout(child.idle);
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      for (const attempt of [...child.attempts.values()])
        attempt.settle(`the step process of bundle ${hash.slice(0, 12)} ${how} while the step ran`);
    });
    // A failed spawn also exits; the error itself is said once.
    spawned.on("error", (error) => this.log(`assetline worker: step process: ${error.message}`));
    return child;
  }
}

function send(child: StepChild, message: ToStepProcess): void {
  if (child.process.connected) child.process.send(message);
}
