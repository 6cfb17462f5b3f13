/**
 * The PostgreSQL store's schema on the machine's server: applied once, in the URL's schema, with SQLite's tables and
 * columns; four processes opening a new store at once apply each migration exactly once; a newer schema is refused;
 * no message ever shows a password.
 */
import Database from "better-sqlite3";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type ChildBundle, bundleChild } from "../../childBundle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../../../sdk/src/store/migrations";
import { migratePostgres } from "../../../../sdk/src/store/postgres/migratePostgres";
import { PG_MIGRATIONS } from "../../../../sdk/src/store/postgres/pgMigrations";
import { parseStoreLocation } from "../../../../sdk/src/store/postgres/storeUrl";
import { openStore } from "../../../../sdk/src/store/openStore";
import { DATABASE_FILE } from "../../../../sdk/src/store/storeFolder";
import { usePgSchemas } from "./pgSchema";

const pg = usePgSchemas();
const ALL_VERSIONS = Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1);

function postgres(url: string) {
  const location = parseStoreLocation(url);
  if (location.kind !== "postgres") throw new Error(`${url} is no postgres:// URL`);
  return location;
}

const versions = async (schema: string) =>
  (await pg.query<{ version: number }>(`SELECT version FROM "${schema}".schema_version ORDER BY version`)).map(
    (row) => row.version,
  );

/** Each table's columns, `name` or `name NOT NULL`, sorted. */
type Columns = Record<string, string[]>;

async function postgresColumns(schema: string): Promise<Columns> {
  const rows = await pg.query<{ table_name: string; column_name: string; is_nullable: string }>(
    "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = $1",
    [schema],
  );
  const columns: Columns = {};
  for (const row of rows) {
    (columns[row.table_name] ??= []).push(`${row.column_name}${row.is_nullable === "NO" ? " NOT NULL" : ""}`);
  }
  for (const list of Object.values(columns)) list.sort();
  return columns;
}

async function sqliteColumns(): Promise<Columns> {
  const dir = mkdtempSync(join(tmpdir(), "assetline-pgschema-"));
  try {
    await (await openStore(join(dir, ".assetline"))).close();
    const db = new Database(join(dir, ".assetline", DATABASE_FILE), { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const columns: Columns = {};
    for (const table of tables) {
      const info = db.pragma(`table_info(${table})`) as { name: string; notnull: number; pk: number }[];
      columns[table] = info.map((c) => `${c.name}${c.notnull || c.pk ? " NOT NULL" : ""}`).sort();
    }
    db.close();
    return columns;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** SQLite's implicit rowid where PostgreSQL spells it out (pgMigrations.ts: `seq`, the tie-break of their order). */
function withRowids(columns: Columns): Columns {
  for (const table of ["runs", "dynamic_partitions"])
    columns[table] = [...(columns[table] ?? []), "seq NOT NULL"].sort();
  return columns;
}

describe("PostgreSQL store migrations", () => {
  it("applies every migration once, in the schema the URL names, and a second start applies none", async () => {
    const { schema, url } = pg.fresh();
    expect(await migratePostgres(postgres(url))).toEqual(ALL_VERSIONS);
    expect(await versions(schema)).toEqual(ALL_VERSIONS);
    expect(await migratePostgres(postgres(url))).toEqual([]);
    expect(await versions(schema)).toEqual(ALL_VERSIONS);
    const publicTables = await pg.query("SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'");
    expect(publicTables).toEqual([]);
  });

  it("has SQLite's tables and columns, so the two stores cannot drift", async () => {
    expect(PG_MIGRATIONS).toHaveLength(SCHEMA_VERSION);
    const { schema, url } = pg.fresh();
    await migratePostgres(postgres(url));
    expect(await postgresColumns(schema)).toEqual(withRowids(await sqliteColumns()));
  });

  it("refuses a schema written by a newer Assetline, in the SQLite store's words", async () => {
    const { schema, url } = pg.fresh();
    await migratePostgres(postgres(url));
    await pg.query(`INSERT INTO "${schema}".schema_version (version) VALUES ($1)`, [SCHEMA_VERSION + 1]);
    await expect(migratePostgres(postgres(url))).rejects.toThrow(
      `the store at ${url} (schema ${schema}) was written by a newer Assetline (schema ${SCHEMA_VERSION + 1}, this one knows ${SCHEMA_VERSION}): upgrade the assetline package.`,
    );
  });

  it("leaves nothing half-applied when a migration fails, and says which", async () => {
    const { schema, url } = pg.fresh();
    await pg.query(`CREATE SCHEMA "${schema}"`);
    await pg.query(`CREATE TABLE "${schema}".ticks (mine TEXT)`);
    await expect(migratePostgres(postgres(url))).rejects.toThrow(
      `migrating the store at ${url} (schema ${schema}) failed: migration 8 failed: relation "ticks" already exists`,
    );
    const tables = await pg.query("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [schema]);
    expect(tables).toEqual([{ table_name: "ticks" }]);
  });
});

describe("four processes opening a new PostgreSQL store at once", () => {
  let bundle: ChildBundle | undefined;
  let child = "";
  beforeAll(async () => {
    bundle = await bundleChild(join(__dirname, "migrateChild.ts"), ["pg"]);
    child = bundle.file;
  });
  afterAll(() => bundle?.dispose());

  it("apply each migration exactly once, and all four start", async () => {
    const { schema, url } = pg.fresh();
    const children = Array.from({ length: 4 }, () => {
      const process = spawn(globalThis.process.execPath, [child, url], { stdio: ["pipe", "pipe", "pipe"] });
      return { process, next: linesOf(process), exited: exit(process) };
    });
    await Promise.all(children.map(({ next }) => next()));
    for (const { process } of children) process.stdin!.write("go\n");
    const results = await Promise.all(children.map(({ exited }) => exited));
    expect(results).toEqual(Array(4).fill({ code: 0, stderr: "" }));
    const applied = (await Promise.all(children.map(({ next }) => next()))).map((line) => JSON.parse(line) as number[]);
    // One process migrated everything; the other three found it done once the lock was theirs.
    expect(applied.flat().sort((a, b) => a - b)).toEqual(ALL_VERSIONS);
    expect(applied.filter((list) => list.length > 0)).toHaveLength(1);
    expect(await versions(schema)).toEqual(ALL_VERSIONS);
  }, 30_000);
});

describe("credentials in messages", () => {
  it.each([
    [
      "postgres://assetline:hunter2-secret@127.0.0.1:1/test?schema=team",
      "could not connect to postgres://assetline:***@127.0.0.1:1/test?schema=team: is PostgreSQL running?",
    ],
    [
      "postgres://assetline@127.0.0.1:1/test?password=hunter2-secret",
      "could not connect to postgres://assetline@127.0.0.1:1/test?password=***: is PostgreSQL running?",
    ],
    [
      "postgres://root:hunter2-secret@127.0.0.1:5432/assetline_no_such_database",
      'could not connect to postgres://root:***@127.0.0.1:5432/assetline_no_such_database: database "assetline_no_such_database" does not exist: create it',
    ],
  ])("%s: the error names the redacted URL and the fix, never the password", async (url, message) => {
    const error = await migratePostgres(postgres(url)).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(message);
    expect(`${(error as Error).message}\n${(error as Error).stack}`).not.toContain("hunter2");
  });
});

/** Each next line the process prints, in turn ("" once it has closed its output); stderr goes with its exit. */
function linesOf(process: ChildProcess): () => Promise<string> {
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let closed = false;
  createInterface({ input: process.stdout! })
    .on("line", (line) => {
      const resolve = waiting.shift();
      if (resolve) resolve(line);
      else queue.push(line);
    })
    .on("close", () => {
      closed = true;
      for (const resolve of waiting.splice(0)) resolve("");
    });
  return () => {
    const line = queue.shift();
    if (line !== undefined || closed) return Promise.resolve(line ?? "");
    return new Promise((resolve) => waiting.push(resolve));
  };
}

function exit(process: ChildProcess): Promise<{ code: number | null; stderr: string }> {
  let stderr = "";
  process.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => process.once("exit", (code) => resolve({ code, stderr })));
}
