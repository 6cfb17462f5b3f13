/**
 * A sensor's function runs in its own process (`assetline sensor-tick`), never in the daemon: time-limited (Dagster's
 * default, 60 s, then killed) and read back as one protocol line. Whatever goes wrong is the tick's error.
 */
import { spawn } from "node:child_process";
import { readCliOutput } from "../protocol";
import { type SensorTickInput, type SensorTickOutput, SensorTickOutputSchema } from "../protocol/sensorTick";
import type { DaemonTarget } from "./client";

/** Dagster's default limit on a sensor's evaluation. */
export const SENSOR_TIMEOUT_MS = 60_000;

export interface SensorProcessOptions {
  target: DaemonTarget;
  /** The CLI the daemon itself runs (`bin/assetline.js`). */
  cliPath: string;
  timeoutMs: number;
  /** Aborted when the daemon stops: the process is killed and the tick failed. */
  signal: AbortSignal;
}

export function evaluateInProcess(
  name: string,
  input: SensorTickInput,
  { target, cliPath, timeoutMs, signal }: SensorProcessOptions,
): Promise<SensorTickOutput> {
  const { root, storeDir, definitionsFile } = target;
  const definitions = definitionsFile === undefined ? [] : ["--definitions", `${root}/${definitionsFile}`];
  const argv = [cliPath, "sensor-tick", name, "--json", "--input-json", JSON.stringify(input), "--store", storeDir];
  const child = spawn(process.execPath, [...argv, ...definitions, root], {
    cwd: root,
    env: { ...process.env, ASSETLINE_NO_DAEMON: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolve) => {
    let stopped: string | undefined;
    const kill = (why: string) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(`timed out after ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    const abort = () => kill("the daemon stopped during the tick");
    signal.addEventListener("abort", abort, { once: true });
    const done = (output: SensorTickOutput) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", abort);
      resolve(output);
    };
    child.on("error", (error) =>
      done({ requests: [], error: `could not start the sensor's process: ${error.message}` }),
    );
    child.on("close", (code) => {
      if (stopped !== undefined) return done({ requests: [], error: stopped });
      const read = readCliOutput(SensorTickOutputSchema, stdout.trim().split("\n").at(-1) ?? "");
      if (read.ok) return done(read.value);
      const said = stderr.trim().split("\n").at(-1) ?? "";
      done({ requests: [], error: said || `the sensor's process exited with code ${code} and printed no outcome` });
    });
  });
}
