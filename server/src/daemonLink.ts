/**
 * A folder's connection to its `assetline dev` daemon, when one answers `hello` in this server's protocol version for
 * the same workspace: statuses, ticks and sensors are read over it instead of spawning the CLI, and it relays the end
 * of every run the daemon starts (schedules, sensors, automation) so lenses refresh at once.
 */
import * as v from "valibot";
import {
  ANSWER_TIMEOUT_MS,
  connectDaemon,
  type DaemonClient,
  daemonSocket,
  type DaemonTarget,
  ErrorCodes,
  isSocket,
  ResponseError,
  request,
} from "assetline/daemon";
import { DaemonMethods, RunEventNotificationSchema } from "assetline/protocol";

export interface DaemonLinkEvents {
  /** A run the daemon started (or was asked to start) finished. */
  runEnded(): void;
  /** The daemon stopped (its connection closed), or one answered late: reads go back to the CLI, or to it. */
  changed(): void;
}

/** A daemon whose socket is there but that did not answer (a busy machine) is asked again this much later. */
const RETRY_MS = 5000;

/** What an `ask` got: the answer, `unsupported` (a daemon without that method yet), or undefined (no daemon). */
export type Asked<T> = { answer: T } | "unsupported" | undefined;

export class DaemonLink {
  private client: DaemonClient | undefined;
  private connecting: Promise<DaemonClient | undefined> | undefined;
  private disposed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly target: DaemonTarget,
    private readonly events: DaemonLinkEvents,
  ) {}

  /** The pid of the daemon this folder is connected to, if any. */
  get pid(): number | undefined {
    return this.client?.info.pid;
  }

  /** Whether a daemon serves the folder (it may still be too busy to answer one read in time). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** The daemon that answers now: the open connection, or a new one when there was none (looked for on every read). */
  current(): Promise<DaemonClient | undefined> {
    if (this.client || this.disposed) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * One request to the daemon. A refusal is thrown (the daemon's own message); a method the daemon does not know (an
   * older one) is `unsupported`; undefined when no daemon answers, or not in time. Reads have a deadline (a busy
   * daemon's read falls back to the CLI, the connection stays); an action (a tick runs a sensor's code, up to its time
   * limit) has none: a daemon that dies meanwhile closes the connection, which rejects it.
   */
  async ask<S extends v.GenericSchema>(
    method: string,
    params: object,
    schema: S,
    timeoutMs: number | "none" = ANSWER_TIMEOUT_MS,
  ): Promise<Asked<v.InferOutput<S>>> {
    const client = await this.current();
    if (!client) return undefined;
    try {
      return {
        answer: await request(client.connection, method, params, schema, timeoutMs === "none" ? undefined : timeoutMs),
      };
    } catch (error) {
      if (error instanceof ResponseError) {
        if (error.code === ErrorCodes.MethodNotFound) return "unsupported";
        throw error;
      }
      return undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retry);
    if (this.client) this.drop(this.client);
  }

  private async connect(): Promise<DaemonClient | undefined> {
    const client = await this.open();
    if (!client) this.retryLater();
    return client;
  }

  /** A socket without an answer is tried again (a daemon killed with -9 leaves one: a refused connect is cheap). */
  private retryLater(): void {
    if (this.disposed || this.retry || !isSocket(daemonSocket(this.target.storeDir))) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.current().then((client) => client && this.events.changed());
    }, RETRY_MS);
    this.retry.unref();
  }

  private async open(): Promise<DaemonClient | undefined> {
    const client = await connectDaemon(this.target);
    if (!client) return undefined;
    const { connection } = client;
    connection.onNotification(DaemonMethods.runEvent, (params: unknown) => {
      if (v.is(RunEventNotificationSchema, params) && params.event.type === "run_finished") this.events.runEnded();
    });
    connection.onNotification(DaemonMethods.stopping, () => this.drop(client));
    connection.onClose(() => this.drop(client));
    try {
      await request(connection, DaemonMethods.subscribe, {}, v.object({}), ANSWER_TIMEOUT_MS);
    } catch {
      client.close();
      return undefined;
    }
    if (this.disposed) {
      client.close();
      return undefined;
    }
    this.client = client;
    return client;
  }

  private drop(client: DaemonClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.close();
    if (!this.disposed) this.events.changed();
  }
}
