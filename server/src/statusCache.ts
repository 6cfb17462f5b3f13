/**
 * Each asset's state from the runner's store, and each schedule's and sensor's latest tick, cached: read from the
 * folder's daemon when one answers (`assetline dev`), else through the workspace's CLI. Reads happen only while the
 * workspace is trusted; they are coalesced (one read at a time, one more if asked meanwhile). Besides the store's
 * changes, a run the daemon started ending and the next freshness deadline trigger a read: time alone turns an asset
 * overdue.
 */
import {
  DaemonMethods,
  SensorsResultSchema,
  StatusResultSchema,
  TicksResultSchema,
  type AssetStatus,
  type CliRead,
} from "assetline/protocol";
import { cliMismatchMessage, workspaceCli } from "assetline/locate";
import { type Asked, DaemonLink } from "./daemonLink";
import { FreshnessDeadline } from "./freshnessDeadline";
import { type InstigatorStates, NO_AUTOMATION } from "./instigatorStates";
import { followStore, type StoreChanges } from "./storeChanges";
import type { Log } from "./tryHandler";
import { type CliTarget, readScheduleTicks, readStatuses, STATUS_COMMAND } from "./workspaceCli";

type Read = Exclude<CliRead<{ statuses: AssetStatus[]; instigators: InstigatorStates }>, { error: string }>;

const answered = <T>(asked: Asked<T>): T | undefined => (typeof asked === "object" ? asked.answer : undefined);

/** What a folder's statuses tell the rest of the server. */
export interface StatusEvents {
  log: Log;
  /** The statuses differ from the previous read. */
  statusesChanged(): void;
  /** The store could not be read; said once per distinct error, so a broken store does not nag on every save. */
  storeUnreadable(message: string): void;
  /** The workspace's CLI speaks another protocol version; said once per folder and version found. */
  protocolMismatch(message: string): void;
}

export class StatusCache {
  private statuses = new Map<string, AssetStatus>();
  private instigatorStates: InstigatorStates = NO_AUTOMATION;
  private loaded = false;
  private trusted = false;
  private storeChanges: StoreChanges | null = null;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private lastError = "";
  private readonly deadline = new FreshnessDeadline(() => void this.refresh());
  /** The folder's daemon, when one runs: reads go to it, and the end of its runs refreshes. */
  readonly daemon: DaemonLink;

  constructor(
    /** The definitions file in it is relative to the root, as the analyzer reads it: the CLI's graph must be the same. */
    private readonly target: CliTarget,
    private readonly events: StatusEvents,
    /** Whether the folder defines schedules: only then is their latest tick read without a daemon (one more CLI). */
    private readonly hasSchedules: () => boolean,
  ) {
    this.daemon = new DaemonLink(this.target, {
      runEnded: () => void this.refresh(),
      changed: () => void this.refresh(),
    });
  }

  /** Whether lenses can show a state: trusted, the workspace has a CLI, and the store has been read once. */
  get known(): boolean {
    return this.loaded;
  }

  get(key: string): AssetStatus | undefined {
    return this.statuses.get(key);
  }

  all(): AssetStatus[] {
    return [...this.statuses.values()];
  }

  /** Whether a daemon answered the latest read, and its schedules' and sensors' ticks. */
  get instigators(): InstigatorStates {
    return this.instigatorStates;
  }

  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    if (trusted) {
      this.storeChanges = followStore(this.target, () => void this.refresh(), this.events.log);
      void this.refresh();
      return;
    }
    this.storeChanges?.dispose();
    this.storeChanges = null;
    this.forget();
  }

  /** Re-reads the store; resolves when the cache reflects a read that started after this call. */
  refresh(): Promise<void> {
    if (!this.trusted) return Promise.resolve();
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.readLoop().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  dispose(): void {
    this.storeChanges?.dispose();
    this.storeChanges = null;
    this.deadline.clear();
    this.daemon.dispose();
  }

  private async readLoop(): Promise<void> {
    do {
      this.readAgain = false;
      await this.readOnce();
    } while (this.readAgain && this.trusted);
  }

  private async readOnce(): Promise<void> {
    // Looked up on every read: `npm install` may add the package while the editor is open.
    const cli = workspaceCli(this.target.root);
    if (!cli) return;
    try {
      const read = (await this.readFromDaemon()) ?? (await this.readFromCli(cli));
      this.storeChanges?.acknowledge();
      if (!this.trusted) return;
      if (!read.ok)
        return this.mismatched(cliMismatchMessage(STATUS_COMMAND, this.target.root, cli, read.mismatch.found));
      this.lastError = "";
      const next = new Map(read.value.statuses.map((status) => [status.key, status]));
      const { instigators } = read.value;
      const changed =
        !this.loaded ||
        JSON.stringify([...next, instigators]) !== JSON.stringify([...this.statuses, this.instigatorStates]);
      this.statuses = next;
      this.instigatorStates = instigators;
      this.loaded = true;
      this.deadline.schedule(next.values());
      if (changed) this.events.statusesChanged();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A broken store fails the same way on every save; say it once.
      if (message !== this.lastError) {
        this.events.log.error(message);
        this.events.storeUnreadable(message);
      }
      this.lastError = message;
    }
  }

  /**
   * Statuses, ticks and sensors from the daemon's warm state; undefined when none answers (a daemon without `sensors`
   * yet answers the rest: its sensors show no tick).
   */
  private async readFromDaemon(): Promise<Read | undefined> {
    const status = answered(await this.daemon.ask(DaemonMethods.status, {}, StatusResultSchema));
    if (!status) return undefined;
    const [ticks, sensors] = await Promise.all([
      this.daemon.ask(DaemonMethods.ticks, {}, TicksResultSchema).then(answered),
      this.daemon.ask(DaemonMethods.sensors, {}, SensorsResultSchema).then(answered),
    ]);
    const instigators = { daemon: true, schedules: ticks?.schedules ?? [], sensors: sensors?.sensors ?? [] };
    return { ok: true, value: { statuses: status.assets, instigators } };
  }

  /**
   * Without a daemon (or one too slow for this read): `status --json`, and `schedules --json` for the latest ticks a
   * daemon recorded.
   */
  private async readFromCli(cli: string): Promise<Read> {
    const [read, ticks] = await Promise.all([
      readStatuses(cli, this.target),
      // A CLI from before schedules has no such command: its schedules show no last tick.
      this.hasSchedules() ? readScheduleTicks(cli, this.target).catch(() => undefined) : undefined,
    ]);
    if (!read.ok) return read;
    const schedules = ticks?.ok ? ticks.value : [];
    // A daemon too busy to answer in time still ticks: the lenses do not say automation is off.
    const instigators = { ...NO_AUTOMATION, daemon: this.daemon.connected, schedules };
    return { ok: true, value: { statuses: read.value, instigators } };
  }

  /** Statuses from a CLI of another protocol are not read at all: lenses show no state rather than a wrong one. */
  private mismatched(message: string): void {
    if (message !== this.lastError) {
      this.events.log.error(message);
      this.events.protocolMismatch(message);
    }
    this.lastError = message;
    this.forget();
  }

  /** No statuses until the next read: lenses show no state and no warning stays, rather than old ones. */
  private forget(): void {
    this.deadline.clear();
    const had = this.loaded;
    this.statuses.clear();
    this.instigatorStates = NO_AUTOMATION;
    this.loaded = false;
    if (had) this.events.statusesChanged();
  }
}
