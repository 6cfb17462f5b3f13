/**
 * The CLI's commands through a running daemon: the same output and exit codes as without one. Each returns undefined
 * when there is no daemon that answers, and the command then works directly.
 */
import { randomUUID } from "node:crypto";
import * as v from "valibot";
import { ResponseError } from "vscode-jsonrpc/node";
import { CliError, type CommandIO, type ParsedArgs } from "../cli/command";
import type { RunEvent, RunSummary } from "../protocol";
import {
  CancelResultSchema,
  DaemonErrorDataSchema,
  LogsResultSchema,
  DaemonMethods,
  MaterializeResultSchema,
  RunEventNotificationSchema,
  RunStderrNotificationSchema,
  RunsResultSchema,
  StatusResultSchema,
  type StatusResult,
  TicksResultSchema,
  type TicksResult,
} from "../protocol/daemon";
import {
  SensorsResultSchema,
  type SensorsResult,
  SetPausedResultSchema,
  type SetPausedResult,
  TickNowResultSchema,
  type TickNowResult,
} from "../protocol/daemonInstigators";
import { EvaluationsResultSchema, type EvaluationsResult } from "../protocol/daemonInstigators";
import { ANSWER_TIMEOUT_MS, connectDaemon, type DaemonTarget, type StoreTarget } from "./client";
import { request } from "./connection";

/** A refusal the daemon answered with (a selection that matches nothing) is the command's own failure. */
function refusal(error: unknown): CliError | undefined {
  if (!(error instanceof ResponseError) || !v.is(DaemonErrorDataSchema, error.data)) return undefined;
  return new CliError(error.message, error.data.exitCode);
}

/** One request to the daemon: its answer, a refusal thrown as the command's own, or undefined when none answers. */
async function ask<S extends v.GenericSchema>(
  target: StoreTarget,
  method: string,
  params: object,
  schema: S,
  timeoutMs: number | "none" = ANSWER_TIMEOUT_MS,
): Promise<v.InferOutput<S> | undefined> {
  const daemon = await connectDaemon(target);
  if (daemon === undefined) return undefined;
  try {
    return await request(daemon.connection, method, params, schema, timeoutMs === "none" ? undefined : timeoutMs);
  } catch (error) {
    const refused = refusal(error);
    if (refused) throw refused;
    return undefined;
  } finally {
    daemon.close();
  }
}

export function statusViaDaemon(target: DaemonTarget, select: string | undefined): Promise<StatusResult | undefined> {
  return ask(target, DaemonMethods.status, { select }, StatusResultSchema);
}

/** Each schedule's next and latest tick, from the daemon's warm graph and store. */
export function ticksViaDaemon(target: DaemonTarget): Promise<TicksResult | undefined> {
  return ask(target, DaemonMethods.ticks, {}, TicksResultSchema);
}

/** Each sensor's state and latest tick, from the daemon's warm graph and store. */
export function sensorsViaDaemon(target: DaemonTarget): Promise<SensorsResult | undefined> {
  return ask(target, DaemonMethods.sensors, {}, SensorsResultSchema);
}

/** Pausing, resuming and ticking by hand act on the daemon's loops: without a daemon they say how to start one. */
async function required<T>(target: DaemonTarget, answer: Promise<T | undefined>): Promise<T> {
  const answered = await answer;
  if (answered === undefined)
    throw new CliError(`no daemon runs for ${target.root}: start it with \`npx assetline dev\`.`, 1);
  return answered;
}

export function setPausedViaDaemon(target: DaemonTarget, name: string, paused: boolean): Promise<SetPausedResult> {
  return required(target, ask(target, DaemonMethods.setPaused, { name, paused }, SetPausedResultSchema));
}

/** A schedule's run (answered when it ended) or a sensor's tick (answered when its runs started): no deadline. */
export function tickNowViaDaemon(target: DaemonTarget, name: string): Promise<TickNowResult> {
  return required(target, ask(target, DaemonMethods.tickNow, { name }, TickNowResultSchema, "none"));
}

/** The latest automation evaluations of the selected assets, from the daemon's store. */
export function evaluationsViaDaemon(
  target: DaemonTarget,
  select: string | undefined,
): Promise<EvaluationsResult | undefined> {
  return ask(target, DaemonMethods.evaluations, { select }, EvaluationsResultSchema);
}

/** The store's newest runs, as the daemon reads them (a run whose process died is failed, as the CLI reads it). */
export async function runsViaDaemon(storeDir: string, limit: number): Promise<RunSummary[] | undefined> {
  return (await ask({ storeDir }, DaemonMethods.runs, { limit }, RunsResultSchema))?.runs;
}

/** A run's events (the run id or its start, refused as the CLI refuses it when none or several match). */
export async function logsViaDaemon(storeDir: string, runId: string): Promise<RunEvent[] | undefined> {
  return (await ask({ storeDir }, DaemonMethods.logs, { runId }, LogsResultSchema))?.events;
}

/** SIGINT to the daemon's run with this id (or its start): whether it runs there; undefined when no daemon answers. */
export async function cancelViaDaemon(storeDir: string, runId: string): Promise<boolean | undefined> {
  return (await ask({ storeDir }, DaemonMethods.cancel, { runId }, CancelResultSchema))?.cancelled;
}

/**
 * Starts the run in the daemon and prints its events as they come (Ctrl-C cancels it there); resolves with the run
 * process's exit code.
 */
export async function materializeViaDaemon(
  target: DaemonTarget,
  keys: string[],
  values: ParsedArgs["values"],
  io: CommandIO,
  onEvent: (event: RunEvent) => void,
): Promise<number | undefined> {
  const daemon = await connectDaemon(target);
  if (daemon === undefined) return undefined;
  const ticket = randomUUID();
  const { connection } = daemon;
  connection.onNotification(DaemonMethods.runEvent, (params: unknown) => {
    if (v.is(RunEventNotificationSchema, params) && params.ticket === ticket) onEvent(params.event);
  });
  connection.onNotification(DaemonMethods.runStderr, (params: unknown) => {
    if (v.is(RunStderrNotificationSchema, params) && params.ticket === ticket) io.stderr(params.text);
  });
  const cancel = () => void connection.sendRequest(DaemonMethods.cancel, { ticket }).catch(() => {});
  io.signal.addEventListener("abort", cancel, { once: true });
  const options = Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string | boolean] =>
      ["string", "boolean"].includes(typeof entry[1]),
    ),
  );
  try {
    const result = await request(
      connection,
      DaemonMethods.materialize,
      { ticket, cwd: io.cwd, keys, options },
      MaterializeResultSchema,
    );
    return result.exitCode;
  } catch (error) {
    const refused = refusal(error);
    if (refused) throw refused;
    io.stderr(
      `assetline materialize: the daemon (pid ${daemon.info.pid}) stopped answering during the run: \`assetline runs\` shows how the run ended.\n`,
    );
    return 1;
  } finally {
    io.signal.removeEventListener("abort", cancel);
    daemon.close();
  }
}
