/**
 * `assetline dev`'s process: one per store folder, found through `<store>/daemon.sock` (mode 0600) and
 * `<store>/daemon.json`. It serves JSON-RPC (`protocol/daemon.ts`) from its warm state and starts runs in their own
 * processes; on SIGINT/SIGTERM it stops accepting, cancels its runs, closes the store and removes its files.
 */
import { chmodSync, mkdirSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import * as v from "valibot";
import { ResponseError, type MessageConnection } from "vscode-jsonrpc/node";
import { LinkRefused, lstatOrUndefined } from "../io/links";
import {
  CancelParamsSchema,
  DAEMON_PROTOCOL_VERSION,
  DaemonMethods,
  type DaemonInfo,
  HelloParamsSchema,
  LogsParamsSchema,
  MaterializeParamsSchema,
  RunsParamsSchema,
  StatusParamsSchema,
  SubscribeParamsSchema,
  TicksParamsSchema,
} from "../protocol/daemon";
import { SensorsParamsSchema, SetPausedParamsSchema, TickNowParamsSchema } from "../protocol/daemonInstigators";
import { ShutdownParamsSchema } from "../protocol/daemonInstigators";
import { requireFolder } from "../store/sqliteStore";
import { assertStoreFolderSafe } from "../store/storeFolder";
import { errorMessage } from "../cli/workspaceArgs";
import { CliError } from "../cli/command";
import { type DaemonTarget, isSocket } from "./client";
import { connectSocket, rpcOver } from "./connection";
import {
  claimDaemonLock,
  daemonInfoFile,
  daemonSocket,
  processAlive,
  readDaemonInfo,
  releaseDaemonLock,
  writeDaemonInfo,
} from "./daemonFiles";
import { type Instigators, sensorsAnswer, setPaused, tickNow } from "./instigatorMethods";
import { EvaluationsParamsSchema } from "../protocol/daemonInstigators";
import { AutomationTicker, automationInterval } from "./automationTicks";
import { RunProcesses } from "./runProcesses";
import { RunStarts } from "./runStarts";
import { ScheduleTicker, scheduleRunOptions } from "./scheduleTicks";
import { evaluateInProcess, SENSOR_TIMEOUT_MS } from "./sensorProcess";
import { SensorTicker } from "./sensorTicks";
import { scheduleTicks } from "./tickPlan";
import { createWarmState, type WarmState } from "./warmState";

/** JSON-RPC's "invalid params": a request that does not match the protocol. */
const INVALID_PARAMS = -32602;
/** A request the workspace refuses (a selection that matches nothing): the CLI exits as it would without a daemon. */
const REFUSED = 1;

export interface DaemonOptions extends DaemonTarget {
  cliPath: string;
  /** Aborted on SIGINT/SIGTERM: the daemon then stops. */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Between automation evaluations; default `ASSETLINE_AUTOMATION_INTERVAL_MS`, else 30 s. */
  automationIntervalMs?: number;
}

/** The daemon already serving this store, if one answers on its socket. */
export async function runningDaemon(storeDir: string): Promise<DaemonInfo | undefined> {
  const info = readDaemonInfo(storeDir);
  if (info !== undefined && !processAlive(info.pid)) return undefined;
  const socket = isSocket(daemonSocket(storeDir)) ? await connectSocket(daemonSocket(storeDir), 2000) : undefined;
  socket?.destroy();
  return socket === undefined ? undefined : info;
}

/**
 * A socket or info file a killed daemon left (nothing answers, or its process is gone) is removed; anything at the
 * socket's path that is not a socket (a link, a file) is refused rather than replaced.
 */
function removeLeftovers(storeDir: string): void {
  const socket = daemonSocket(storeDir);
  const stat = lstatOrUndefined(socket);
  if (stat !== undefined && !stat.isSocket())
    throw new LinkRefused(
      `${socket} is not a socket${stat.isSymbolicLink() ? " but a symbolic link" : ""}: Assetline's daemon listens only on a socket it creates there; remove it and run \`assetline dev\` again.`,
    );
  rmSync(socket, { force: true });
  rmSync(daemonInfoFile(storeDir), { force: true });
}

/** The longest socket path every Unix takes (sun_path is 104 bytes on macOS, 108 on Linux, with its NUL). */
const MAX_SOCKET_PATH = 103;

/** Listens with a umask that leaves the socket to its owner from its first moment (then makes sure with chmod). */
function listen(server: Server, path: string): Promise<void> {
  const umask = process.umask(0o177);
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  }).finally(() => {
    process.umask(umask);
    if (lstatOrUndefined(path)?.isSocket()) chmodSync(path, 0o600);
  });
}

/** Serves until `signal` aborts; returns the info of the daemon that already runs instead, if there is one. */
export async function runDaemon(options: DaemonOptions): Promise<{ alreadyRunning?: DaemonInfo }> {
  const { storeDir, root } = options;
  requireFolder(storeDir);
  assertStoreFolderSafe(storeDir);
  const socketPath = daemonSocket(storeDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new CliError(
      `${socketPath} is longer than the ${MAX_SOCKET_PATH} bytes a Unix socket's path may have: choose a store folder with a shorter path (--store).`,
    );
  }
  const running = await runningDaemon(storeDir);
  if (running) return { alreadyRunning: running };
  mkdirSync(storeDir, { recursive: true });
  const holder = claimDaemonLock(storeDir);
  if (holder !== undefined) return { alreadyRunning: await starting(storeDir, holder, root) };
  try {
    return await serveUntilStopped(options);
  } finally {
    releaseDaemonLock(storeDir);
  }
}

/** The info of a daemon that claimed the store a moment ago and is still warming up (it writes its info when serving). */
async function starting(storeDir: string, pid: number, root: string): Promise<DaemonInfo> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const info = readDaemonInfo(storeDir);
    if (info?.pid === pid) return info;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { daemonProtocolVersion: DAEMON_PROTOCOL_VERSION, pid, started: Date.now(), root };
}

async function serveUntilStopped(options: DaemonOptions): Promise<{ alreadyRunning?: DaemonInfo }> {
  const { storeDir, root, definitionsFile } = options;
  const socketPath = daemonSocket(storeDir);
  removeLeftovers(storeDir);
  const warm = await createWarmState({ root, storeDir, definitionsFile });
  await warm.ready;
  const subscribers = new Set<MessageConnection>();
  const runStarts = new RunStarts();
  const runs = new RunProcesses(
    options,
    options.cliPath,
    {
      event: (ticket, event) => {
        runStarts.seen(ticket, event.runId);
        notifyAll(subscribers, DaemonMethods.runEvent, { ticket, event });
        automation.runEvent(ticket, event);
      },
      stderr: (ticket, text) => notifyAll(subscribers, DaemonMethods.runStderr, { ticket, text }),
    },
    { ...warm, log: options.log },
  );
  const info: DaemonInfo = {
    daemonProtocolVersion: DAEMON_PROTOCOL_VERSION,
    pid: process.pid,
    started: Date.now(),
    root,
    ...(definitionsFile !== undefined && { definitionsFile }),
  };
  const ticker = new ScheduleTicker({
    schedules: () => warm.schedules(),
    store: warm.ticks,
    startRun: async (schedule, tickAt) =>
      runs.materialize({
        ticket: `schedule:${schedule.name}:${tickAt}`,
        cwd: root,
        keys: [],
        options: scheduleRunOptions(schedule, await warm.tickPartition(schedule, tickAt)),
      }),
    log: options.log,
  });
  const sensors = new SensorTicker({
    sensors: () => warm.sensors(),
    store: warm.instigators,
    evaluate: (name, input, signal) =>
      evaluateInProcess(name, input, {
        target: options,
        cliPath: options.cliPath,
        timeoutMs: SENSOR_TIMEOUT_MS,
        signal,
      }),
    startRun: (ticket, runOptions) =>
      runStarts.start(ticket, () => runs.materialize({ ticket, cwd: root, keys: [], options: runOptions })),
    log: options.log,
  });
  const instigators: Instigators = { warm, schedules: ticker, sensors };
  const automation = new AutomationTicker({
    graph: () => warm.graph(),
    store: warm.automation,
    startRun: (ticket, runOptions) => runs.materialize({ ticket, cwd: root, keys: [], options: runOptions }),
    log: options.log,
    intervalMs: options.automationIntervalMs ?? automationInterval(),
  });
  const clients = new Map<Socket, MessageConnection>();
  // `shutdown` stops the daemon as SIGTERM does.
  const shutdown = new AbortController();
  const server = createServer((socket) => {
    const connection = rpcOver(socket);
    clients.set(socket, connection);
    socket.on("close", () => clients.delete(socket));
    serve(connection, {
      info,
      warm,
      runs,
      subscribers,
      instigators,
      log: options.log,
      shutdown: () => shutdown.abort(),
    });
  });
  await listen(server, socketPath);
  writeDaemonInfo(storeDir, info);
  options.log(`assetline dev: serving ${root} on ${socketPath} (pid ${process.pid}); Ctrl-C stops it.\n`);
  await Promise.all([ticker.plan(), sensors.plan()]);
  warm.onGraphChange(() => {
    // Planning logs its own failures (and retries): nothing is left to handle here.
    void Promise.all([ticker.plan(), sensors.plan()]);
  });
  await automation.start();
  const stopSignal = AbortSignal.any([options.signal, shutdown.signal]);
  await new Promise<void>((resolve) =>
    stopSignal.aborted ? resolve() : stopSignal.addEventListener("abort", () => resolve(), { once: true }),
  );
  await stop({ server, runs, ticker, sensors, automation, warm, clients, storeDir, log: options.log });
  return {};
}

/** Stops accepting, cancels the runs, closes the store and removes the socket and info file. */
async function stop(daemon: {
  server: Server;
  runs: RunProcesses;
  ticker: ScheduleTicker;
  sensors: SensorTicker;
  automation: AutomationTicker;
  warm: WarmState;
  clients: Map<Socket, MessageConnection>;
  storeDir: string;
  log: (line: string) => void;
}): Promise<void> {
  daemon.log("assetline dev: stopping: cancelling running runs…\n");
  daemon.server.close();
  const ticked = Promise.all([daemon.ticker.stop(), daemon.sensors.stop(), daemon.automation.stop()]);
  await daemon.runs.cancelAll();
  // The cancelled ticks' outcomes are recorded before the store closes.
  await ticked;
  await daemon.warm.close();
  // A connection writes in order: once `stopping` is written, so are the cancelled runs' answers queued before it.
  await Promise.all(
    [...daemon.clients.values()].map((connection) =>
      connection.sendNotification(DaemonMethods.stopping, {}).catch(() => undefined),
    ),
  );
  for (const socket of daemon.clients.keys()) socket.end();
  rmSync(daemonSocket(daemon.storeDir), { force: true });
  rmSync(daemonInfoFile(daemon.storeDir), { force: true });
  daemon.log("assetline dev: stopped.\n");
}

function notifyAll(subscribers: Set<MessageConnection>, method: string, params: unknown): void {
  for (const connection of subscribers) void connection.sendNotification(method, params).catch(() => {});
}

interface Served {
  info: DaemonInfo;
  warm: WarmState;
  runs: RunProcesses;
  subscribers: Set<MessageConnection>;
  instigators: Instigators;
  log: (line: string) => void;
  shutdown: () => void;
}

/** One client's connection: each request's params checked against the protocol before anything else. */
function serve(
  connection: MessageConnection,
  { info, warm, runs, subscribers, instigators, log, shutdown }: Served,
): void {
  const handle = <S extends v.GenericSchema>(
    method: string,
    schema: S,
    answer: (params: v.InferOutput<S>) => unknown,
  ) =>
    connection.onRequest(method, async (params: unknown) => {
      runs.busy();
      const parsed = v.safeParse(schema, params);
      if (!parsed.success) {
        const problems = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "params"}: ${issue.message}`);
        return new ResponseError(INVALID_PARAMS, `${method}: ${problems.join("; ")}`, { exitCode: 2 });
      }
      try {
        return await answer(parsed.output);
      } catch (error) {
        const exitCode = error instanceof CliError ? error.exitCode : 1;
        return new ResponseError(REFUSED, errorMessage(error), { exitCode });
      }
    });
  handle(DaemonMethods.hello, HelloParamsSchema, () => info);
  handle(DaemonMethods.status, StatusParamsSchema, ({ select }) => warm.status(select));
  handle(DaemonMethods.runs, RunsParamsSchema, async ({ limit }) => ({ runs: await warm.runs(limit) }));
  handle(DaemonMethods.logs, LogsParamsSchema, async ({ runId }) => ({ events: await warm.logs(runId) }));
  handle(DaemonMethods.cancel, CancelParamsSchema, (params) => ({ cancelled: runs.cancel(params) }));
  handle(DaemonMethods.ticks, TicksParamsSchema, async () => {
    const [states, ticks] = await Promise.all([warm.ticks.instigatorStates(), warm.ticks.latestTicks()]);
    const paused = (name: string) => states.get(name)?.paused === true;
    return { schedules: scheduleTicks(warm.schedules(), ticks, Date.now(), paused) };
  });
  handle(DaemonMethods.sensors, SensorsParamsSchema, () => sensorsAnswer(instigators));
  handle(DaemonMethods.tickNow, TickNowParamsSchema, ({ name }) => tickNow(instigators, name));
  handle(DaemonMethods.setPaused, SetPausedParamsSchema, ({ name, paused }) => setPaused(instigators, name, paused));
  handle(DaemonMethods.evaluations, EvaluationsParamsSchema, async ({ select }) => ({
    evaluations: await warm.evaluations(select),
  }));
  handle(DaemonMethods.subscribe, SubscribeParamsSchema, () => {
    subscribers.add(connection);
    return {};
  });
  // The runs this connection asked for and that still run: a caller that goes away (a CLI killed with -9, a closed
  // editor) cancels them, as its own process's death would end a run it ran without a daemon.
  const asked = new Set<string>();
  handle(DaemonMethods.materialize, MaterializeParamsSchema, async (params) => {
    // The caller sees its own run's events even without subscribing.
    subscribers.add(connection);
    asked.add(params.ticket);
    const { warm: started, ...result } = await runs.materialize(params).finally(() => asked.delete(params.ticket));
    const kind = started ? "warm" : "cold";
    log(
      `assetline dev: run ${result.runId ?? "(none started)"} exited with ${result.exitCode} (${kind} run process).\n`,
    );
    return result;
  });
  handle(DaemonMethods.shutdown, ShutdownParamsSchema, () => {
    log("assetline dev: asked to stop (shutdown).\n");
    // After this answer is written: the caller learns the daemon took the request before it goes.
    setImmediate(shutdown);
    return {};
  });
  connection.onClose(() => {
    subscribers.delete(connection);
    for (const ticket of asked) {
      log(`assetline dev: the caller of run ${ticket} went away: cancelling it.\n`);
      runs.cancel({ ticket });
    }
  });
  connection.listen();
}
