/**
 * The extension's line to one store's daemon (`assetline dev`): it reads `<store>/daemon.json` every second (so a
 * daemon started from a terminal is seen as well as one started by *Start Automation*, and a connection that failed
 * under load is tried again), connects when one serves, subscribes to its run events and reads its schedules' ticks.
 * It never starts a daemon. No vscode import: tested on real daemons.
 */
import * as v from "valibot";
import {
  DaemonMethods,
  type DaemonInfo,
  type RunEvent,
  RunEventNotificationSchema,
  type ScheduleTicks,
  TicksResultSchema,
} from "assetline/protocol";
import { connectDaemon, type DaemonClient, processAlive, readDaemonInfo, request } from "assetline/daemon";

/** A serving daemon as the editor shows it. */
export interface DaemonState {
  info: DaemonInfo;
  schedules: ScheduleTicks[];
}

export interface DaemonListener {
  /** The daemon came, went, or its ticks changed. */
  changed(): void;
  /** An event of a run the daemon runs (any run: a tick's, a sensor's, an automation's, the CLI's). */
  runEvent(event: RunEvent): void;
}

const ANSWER_MS = 3000;
const POLL_MS = 1000;
/** Ticks are read again a moment after the next one is due, so its outcome shows. */
const AFTER_TICK_MS = 1500;
/** setTimeout's longest delay. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class DaemonLink {
  private client: DaemonClient | undefined;
  private current: DaemonState | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly poll: NodeJS.Timeout;

  constructor(
    readonly storeDir: string,
    private readonly listener: DaemonListener,
  ) {
    this.poll = setInterval(() => void this.sync(), POLL_MS);
    this.poll.unref();
    void this.sync();
  }

  /** The daemon serving the store, when the link is connected to one. */
  get state(): DaemonState | undefined {
    return this.current;
  }

  /** Settles once the link has followed the info file as it is now. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.follow()).catch(() => undefined);
    return this.syncing;
  }

  /**
   * Asks the daemon to stop (`shutdown`); one that does not answer gets SIGTERM at the pid its info file names, as
   * Ctrl-C would stop it. Resolves with that pid, or undefined when none runs.
   */
  async stop(): Promise<number | undefined> {
    const info = this.client?.info ?? readDaemonInfo(this.storeDir);
    if (info === undefined || !processAlive(info.pid)) return undefined;
    try {
      if (!this.client) throw new Error("not connected");
      await request(this.client.connection, DaemonMethods.shutdown, {}, v.object({}), ANSWER_MS);
    } catch {
      process.kill(info.pid, "SIGTERM");
    }
    return info.pid;
  }

  private async follow(): Promise<void> {
    const read = this.disposed ? undefined : readDaemonInfo(this.storeDir);
    // A file a daemon killed with -9 left names a process that is gone: nothing to connect to.
    const info = read !== undefined && processAlive(read.pid) ? read : undefined;
    if (info !== undefined && info.pid === this.client?.info.pid) return;
    this.drop();
    if (info === undefined) return;
    // The info file names who serves; the daemon checks the rest (`hello`), so a stale file connects to nothing.
    const client = await connectDaemon({
      root: info.root,
      storeDir: this.storeDir,
      ...(info.definitionsFile !== undefined && { definitionsFile: info.definitionsFile }),
    });
    if (client === undefined) return;
    if (this.disposed) {
      client.close();
      return;
    }
    this.client = client;
    const { connection } = client;
    connection.onNotification(DaemonMethods.runEvent, (params: unknown) => {
      if (!v.is(RunEventNotificationSchema, params)) return;
      this.listener.runEvent(params.event);
      if (params.event.type === "run_finished") void this.readTicks(client).catch(() => undefined);
    });
    connection.onNotification(DaemonMethods.stopping, () => this.drop(client));
    connection.onClose(() => this.drop(client));
    try {
      await request(connection, DaemonMethods.subscribe, {}, v.object({}), ANSWER_MS);
    } catch {
      // Tried again at the next poll.
      this.drop(client);
      return;
    }
    this.current = { info: client.info, schedules: [] };
    this.listener.changed();
    // A slow answer leaves the schedules unknown until the next run's end; the daemon is still on.
    await this.readTicks(client).catch(() => undefined);
  }

  /** Reads every schedule's next and last tick, then again once the next one is due. */
  private async readTicks(client: DaemonClient): Promise<void> {
    const { schedules } = await request(client.connection, DaemonMethods.ticks, {}, TicksResultSchema, ANSWER_MS);
    if (client !== this.client) return;
    this.current = { info: client.info, schedules };
    clearTimeout(this.tickTimer);
    const next = nextTick(schedules);
    if (next !== undefined) {
      const delay = Math.min(Math.max(next - Date.now(), 0) + AFTER_TICK_MS, MAX_DELAY_MS);
      this.tickTimer = setTimeout(() => void this.readTicks(client).catch(() => undefined), delay);
      this.tickTimer.unref();
    }
    this.listener.changed();
  }

  /** Forgets the daemon (`only`: if it is still that one's connection). */
  private drop(only?: DaemonClient): void {
    if (this.client === undefined || (only !== undefined && only !== this.client)) return;
    clearTimeout(this.tickTimer);
    this.client.close();
    this.client = undefined;
    this.current = undefined;
    this.listener.changed();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.poll);
    this.drop();
  }
}

/** The soonest next tick of the schedules that tick (not paused), epoch ms. */
export function nextTick(schedules: readonly ScheduleTicks[]): number | undefined {
  const ticks = schedules.filter((schedule) => !schedule.paused).map((schedule) => schedule.nextTick);
  const due = ticks.filter((tick) => tick !== undefined);
  return due.length > 0 ? Math.min(...due) : undefined;
}
