import Database from "better-sqlite3";
import { existsSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { Materialization, RunEvent, RunStatus, RunSummary } from "../protocol";
import type { ValueTable } from "../io/tieredIOManager";
import { migrate } from "./migrations";
import { crashedRuns, recoverCrashedRuns } from "./crashRecovery";
import type { NewRun, Store, StoreReader, StoredFailure } from "./store";

export const DATABASE_FILE = "assetline.db";

/** Records are written in batches: one transaction per this many, or after this long, whichever comes first. */
const BATCH_SIZE = 500;
const BATCH_DELAY_MS = 25;

interface MaterializationRow {
  key: string;
  run_id: string;
  timestamp: number;
  duration_ms: number;
  metadata: string;
  code_version: string;
  data_version: string;
  upstream: string;
}

interface RunRow {
  id: string;
  selection: string;
  status: RunStatus;
  origin: "cli" | "editor";
  started_at: number;
  ended_at: number | null;
}

function toMaterialization(row: MaterializationRow): Materialization {
  return {
    key: row.key,
    runId: row.run_id,
    timestamp: row.timestamp,
    durationMs: row.duration_ms,
    metadata: JSON.parse(row.metadata),
    codeVersion: row.code_version,
    dataVersion: row.data_version,
    upstreamDataVersions: JSON.parse(row.upstream),
  };
}

function toRunSummary(row: RunRow): RunSummary {
  return { id: row.id, status: row.status, startedAt: row.started_at, endedAt: row.ended_at, selection: row.selection, origin: row.origin };
}

/** Shared by the read-only and the writable store: every query. */
class SqliteReader implements StoreReader {
  constructor(protected readonly db: Database.Database) {}

  /** Writers write what they buffered before answering, so a run reads its own records. */
  protected beforeRead(): void {}

  latestMaterializations(keys?: Iterable<string>): Map<string, Materialization> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT m.* FROM materializations m JOIN (SELECT MAX(id) AS id FROM materializations GROUP BY key) latest ON m.id = latest.id`,
      )
      .all() as MaterializationRow[];
    const wanted = keys ? new Set(keys) : undefined;
    const result = new Map<string, Materialization>();
    for (const row of rows) if (!wanted || wanted.has(row.key)) result.set(row.key, toMaterialization(row));
    return result;
  }

  latestFailures(): Map<string, StoredFailure> {
    this.beforeRead();
    const rows = this.db
      .prepare(
        `SELECT f.key, f.run_id, f.timestamp, f.error FROM failures f JOIN (
           SELECT MAX(f2.id) AS id FROM failures f2 JOIN runs r ON r.id = f2.run_id WHERE r.status != 'cancelled' GROUP BY f2.key
         ) latest ON f.id = latest.id`,
      )
      .all() as { key: string; run_id: string; timestamp: number; error: string }[];
    return new Map(rows.map((row) => [row.key, { runId: row.run_id, timestamp: row.timestamp, error: row.error }]));
  }

  runs(limit: number): RunSummary[] {
    this.beforeRead();
    const rows = this.db.prepare("SELECT * FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?").all(limit) as RunRow[];
    return rows.map(toRunSummary);
  }

  run(runId: string): RunSummary | undefined {
    this.beforeRead();
    const row = this.db.prepare("SELECT * FROM runs WHERE id = ?").get(runId) as RunRow | undefined;
    return row && toRunSummary(row);
  }

  events(runId: string): RunEvent[] {
    this.beforeRead();
    const rows = this.db.prepare("SELECT body FROM events WHERE run_id = ? ORDER BY id").all(runId) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as RunEvent);
  }

  close(): void {
    this.db.close();
  }
}

/** Concurrent runs wait for each other's short write transactions instead of failing with SQLITE_BUSY. */
function configure(db: Database.Database): void {
  db.pragma("busy_timeout = 10000");
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
}

/** The writable store: batches records, recovers runs whose process died, and keeps small values. */
class SqliteStore extends SqliteReader implements Store, ValueTable {
  private pending: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly statements;
  private readonly flushBatch: Database.Transaction<(ops: (() => void)[]) => void>;

  constructor(db: Database.Database) {
    super(db);
    const s = {
      insertRun: db.prepare("INSERT INTO runs (id, selection, status, origin, started_at, ended_at, pid, host) VALUES (?, ?, 'running', ?, ?, NULL, ?, ?)"),
      finishRun: db.prepare("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?"),
      insertEvent: db.prepare("INSERT INTO events (run_id, type, timestamp, body) VALUES (?, ?, ?, ?)"),
      insertMaterialization: db.prepare(
        "INSERT INTO materializations (key, run_id, timestamp, duration_ms, metadata, code_version, data_version, upstream) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      insertFailure: db.prepare("INSERT INTO failures (key, run_id, timestamp, error) VALUES (?, ?, ?, ?)"),
      putValue: db.prepare("INSERT INTO asset_values (key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body"),
      getValue: db.prepare("SELECT body FROM asset_values WHERE key = ?"),
      deleteValue: db.prepare("DELETE FROM asset_values WHERE key = ?"),
    };
    this.statements = s;
    this.flushBatch = db.transaction((ops: (() => void)[]) => {
      for (const op of ops) op();
    });
  }

  protected override beforeRead(): void {
    this.flush();
  }

  startRun(run: NewRun): void {
    this.flush();
    this.statements.insertRun.run(run.id, run.selection, run.origin, run.startedAt, process.pid, hostname());
  }

  record(event: RunEvent): void {
    const s = this.statements;
    this.enqueue(() => s.insertEvent.run(event.runId, event.type, event.timestamp, JSON.stringify(event)));
    if (event.type === "materialization") {
      const m = event.materialization;
      this.enqueue(() =>
        s.insertMaterialization.run(m.key, m.runId, m.timestamp, m.durationMs, JSON.stringify(m.metadata), m.codeVersion, m.dataVersion, JSON.stringify(m.upstreamDataVersions)),
      );
    } else if (event.type === "step_failed") {
      for (const key of event.assets) this.enqueue(() => s.insertFailure.run(key, event.runId, event.timestamp, event.error.message));
    } else if (event.type === "run_finished") {
      this.enqueue(() => s.finishRun.run(event.status, event.timestamp, event.runId));
      this.flush();
    }
  }

  wipe(keys: string[] | "all"): number {
    this.flush();
    return this.db.transaction(() => {
      if (keys === "all") {
        const count = (this.db.prepare("SELECT COUNT(DISTINCT key) AS n FROM materializations").get() as { n: number }).n;
        this.db.exec("DELETE FROM materializations; DELETE FROM failures; DELETE FROM asset_values;");
        return count;
      }
      let count = 0;
      for (const key of keys) {
        count += this.db.prepare("DELETE FROM materializations WHERE key = ?").run(key).changes > 0 ? 1 : 0;
        this.db.prepare("DELETE FROM failures WHERE key = ?").run(key);
        this.statements.deleteValue.run(key);
      }
      return count;
    }).immediate();
  }

  getValue(key: string): Buffer | undefined {
    this.flush();
    return (this.statements.getValue.get(key) as { body: Buffer } | undefined)?.body;
  }

  putValue(key: string, bytes: Buffer): void {
    this.enqueue(() => this.statements.putValue.run(key, bytes));
  }

  deleteValue(key: string): void {
    this.enqueue(() => this.statements.deleteValue.run(key));
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    this.flushBatch.immediate(ops);
  }

  override close(): void {
    this.flush();
    super.close();
  }

  private enqueue(op: () => void): void {
    this.pending.push(op);
    if (this.pending.length >= BATCH_SIZE) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_DELAY_MS).unref();
  }
}

/** Opens (creating if needed) the store in `storeDir` for a run or a wipe; marks runs of dead processes failed. */
export function openStore(storeDir: string): Store & ValueTable {
  mkdirSync(storeDir, { recursive: true });
  const db = new Database(join(storeDir, DATABASE_FILE));
  configure(db);
  migrate(db);
  recoverCrashedRuns(db);
  return new SqliteStore(db);
}

/** A reader that never writes nor blocks a run (WAL readers see the last committed state); empty when there is no store yet. */
export function openStoreReader(storeDir: string): StoreReader {
  const file = join(storeDir, DATABASE_FILE);
  if (!existsSync(file)) return emptyReader;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 10000");
  try {
    db.prepare("SELECT 1 FROM runs LIMIT 1").get();
  } catch {
    // Created but not yet migrated by its first writer: nothing has been recorded.
    db.close();
    return emptyReader;
  }
  // Readers see crashed runs too; only then is a writable connection opened, briefly, to mark them failed.
  if (crashedRuns(db).length > 0) {
    const writer = new Database(file);
    configure(writer);
    recoverCrashedRuns(writer);
    writer.close();
  }
  return new SqliteReader(db);
}

const emptyReader: StoreReader = {
  latestMaterializations: () => new Map(),
  latestFailures: () => new Map(),
  runs: () => [],
  run: () => undefined,
  events: () => [],
  close: () => {},
};
