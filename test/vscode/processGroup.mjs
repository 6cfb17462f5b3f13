// Starts a long-lived server in its own session (setsid) and stops the whole process group: VS Code's server spawns
// helpers (extension host, file watcher, pty host) that outlive a signal to the parent alone. Being in its own session,
// the group does not see the terminal's Ctrl-C either, so this process stops every live group on SIGINT/SIGTERM.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Spawns `command` detached (Node calls setsid), writing its output to `logFile`.
 * Resolves once a line of its output matches `ready`; rejects with the log's tail if it exits first.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv; cwd: string; logFile: string; ready: RegExp; timeoutMs?: number }} options
 * @returns {Promise<{ child: import("node:child_process").ChildProcess; stop(): Promise<void> }>}
 */
export async function startGroup(command, args, { env, cwd, logFile, ready, timeoutMs = 60_000 }) {
  stopGroupsOnSignal();
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const log = createWriteStream(logFile);
  let output = "";
  /** @type {Promise<void>} */
  const readyPromise = new Promise((resolve, reject) => {
    const onData = (/** @type {Buffer} */ chunk) => {
      log.write(chunk);
      output = (output + chunk.toString()).slice(-20_000);
      if (ready.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${command} exited with ${code} before it was ready; see ${logFile}:\n${output.slice(-2000)}`)),
    );
    setTimeout(
      () => reject(new Error(`${command} was not ready after ${timeoutMs} ms; see ${logFile}`)),
      timeoutMs,
    ).unref();
  });
  const group = {
    child,
    /** SIGTERM to the group, then SIGKILL to whatever is left after 5 s. */
    async stop() {
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, "exit");
      signalGroup(child.pid, "SIGTERM");
      await Promise.race([exited, sleep(5_000)]);
      signalGroup(child.pid, "SIGKILL");
      log.end();
      live.delete(group);
    },
  };
  live.add(group);
  try {
    await readyPromise;
  } catch (error) {
    await group.stop();
    throw error;
  }
  return group;
}

/** @type {Set<{ stop(): Promise<void> }>} */
const live = new Set();
let handlingSignals = false;

function stopGroupsOnSignal() {
  if (handlingSignals) return;
  handlingSignals = true;
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.once(signal, async () => {
      if (live.size)
        console.log(`\nStopping ${live.size === 1 ? "the server and its" : `${live.size} servers and their`} helpers…`);
      await Promise.all([...live].map((group) => group.stop()));
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
}

/** @param {number | undefined} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ESRCH") throw error;
  }
}
