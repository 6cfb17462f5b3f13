/**
 * Brings a PostgreSQL store's schema up to date. Every process that opens the store calls it; the missing migrations
 * are applied in one transaction holding an advisory lock keyed by the schema's name, so of two processes starting at
 * once one migrates and the other, once the lock is its, finds nothing left to do.
 */
import { createHash } from "node:crypto";
import type { Client } from "pg";
import { newerSchemaError, SCHEMA_VERSION } from "../migrations";
import { loadPg } from "./loadPg";
import { PG_MIGRATIONS } from "./pgMigrations";
import { hideSecrets } from "../../protocol/sharedStoreUrl";
import type { StoreLocation } from "./storeUrl";

export type PostgresLocation = Extract<StoreLocation, { kind: "postgres" }>;

/** How long to wait for the server before saying it is unreachable (a dropped packet would wait for minutes). */
export const CONNECT_TIMEOUT_MS = 10_000;
const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * A second numbered list kept in the same schema (the queue's PostgreSQL-only tables), versioned in a table of its
 * own and applied after the store's under the same lock.
 */
export interface MigrationList {
  /** The table holding its version, beside the store's `schema_version`. */
  versionTable: string;
  migrations: readonly string[];
}

/**
 * Applies the migrations the schema lacks, the store's then each of `more`'s; returns the store's versions it applied
 * (none when another process had).
 */
export async function migratePostgres(
  location: PostgresLocation,
  more: readonly MigrationList[] = [],
): Promise<number[]> {
  if (PG_MIGRATIONS.length !== SCHEMA_VERSION) {
    throw new Error(`PostgreSQL migrations (${PG_MIGRATIONS.length}) and SQLite's (${SCHEMA_VERSION}) differ`);
  }
  const client = await connectPostgres(location);
  try {
    // Up to date, the common case: answered without the lock or the right to create a schema.
    const current = await schemaVersion(client, location.schema);
    if (current > SCHEMA_VERSION) throw newerSchemaError(current, storeName(location));
    if (current === SCHEMA_VERSION && (await upToDate(client, location.schema, more))) return [];
    return await applyMissing(client, location, more);
  } catch (error) {
    throw describe(error, location);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A connected client, or an error naming the redacted URL and what to do. */
export async function connectPostgres(location: PostgresLocation): Promise<Client> {
  const pg = await loadPg();
  const client = new pg.Client({
    connectionString: location.connectionString,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection lost while idle is reported on the query that needs it; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(
      hideSecrets(`could not connect to ${location.redacted}: ${connectFix(error)}`, location.connectionString),
    );
  }
}

export function connectFix(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const reason = message || code || String(error);
  if (code && UNREACHABLE.has(code)) {
    return `is PostgreSQL running? Start it (as root: pg_ctlcluster <version> main start) or fix the host and port in the URL (${reason}).`;
  }
  if (code === "3D000") return `${reason}: create it (createdb <name>) or fix the database in the URL.`;
  if (code === "28P01" || code === "28000") return `${reason}: check the user and password in the URL.`;
  return reason;
}

async function upToDate(client: Client, schema: string, lists: readonly MigrationList[]): Promise<boolean> {
  for (const list of lists)
    if ((await schemaVersion(client, schema, list.versionTable)) < list.migrations.length) return false;
  return true;
}

async function applyMissing(
  client: Client,
  location: PostgresLocation,
  more: readonly MigrationList[],
): Promise<number[]> {
  const schema = quote(location.schema);
  const applied: number[] = [];
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [lockKey(location.schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`SET LOCAL search_path TO ${schema}`);
    await client.query("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)");
    const from = await schemaVersion(client, location.schema);
    if (from > SCHEMA_VERSION) throw newerSchemaError(from, storeName(location));
    for (let version = from; version < SCHEMA_VERSION; version++) {
      await client.query(PG_MIGRATIONS[version]!).catch((error: unknown) => {
        throw new Error(`migration ${version + 1} failed: ${error instanceof Error ? error.message : String(error)}`);
      });
      await client.query("INSERT INTO schema_version (version) VALUES ($1)", [version + 1]);
      applied.push(version + 1);
    }
    for (const list of more) {
      await client.query(`CREATE TABLE IF NOT EXISTS ${list.versionTable} (version INTEGER PRIMARY KEY)`);
      const done = await schemaVersion(client, location.schema, list.versionTable);
      for (let version = done; version < list.migrations.length; version++) {
        await client.query(list.migrations[version]!).catch((error: unknown) => {
          throw new Error(
            `${list.versionTable} migration ${version + 1} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
        await client.query(`INSERT INTO ${list.versionTable} (version) VALUES ($1)`, [version + 1]);
      }
    }
    await client.query("COMMIT");
    return applied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** How many migrations the schema has applied (0 when it, or its version table, does not exist yet). */
async function schemaVersion(client: Client, schema: string, versionTable = "schema_version"): Promise<number> {
  const table = `${quote(schema)}.${versionTable}`;
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass($1) AS found", [table]);
  if (!exists.rows[0]?.found) return 0;
  const { rows } = await client.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${table}`);
  return rows[0]?.v ?? 0;
}

/** The advisory lock of one schema's migrations: a 64-bit key from its name, so stores in other schemas never wait. */
function lockKey(schema: string): string {
  return createHash("sha256").update(`assetline migrations ${schema}`).digest().readBigInt64BE(0).toString();
}

/** The name is validated by parseStoreLocation; quoted all the same, so it is never read as SQL. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function storeName(location: PostgresLocation): string {
  return `the store at ${location.redacted} (schema ${location.schema})`;
}

/** A driver's or a migration's error, said about the store; the newer-schema refusal names it already. */
function describe(error: unknown, location: PostgresLocation): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith(storeName(location))) return error as Error;
  return new Error(hideSecrets(`migrating ${storeName(location)} failed: ${message}`, location.connectionString));
}
