/**
 * The store's connections: one pool per store, each connection in the store's schema, BIGINT read as a number, and
 * every error said about the store with its redacted URL and the fix (a password never reaches a message).
 */
import type * as Pg from "pg";
import { loadPg } from "./loadPg";
import { CONNECT_TIMEOUT_MS, connectFix, type PostgresLocation, storeName } from "./migratePostgres";
import { hideSecrets } from "../../protocol/sharedStoreUrl";

/** A pool or a client inside a transaction: what the query helpers below run on. */
export type Queryable = Pg.Pool | Pg.PoolClient;

const BIGINT_OID = 20;
/** Epoch milliseconds and ids are far below 2^53; node-postgres would return them as strings. */
const parseBigint = (value: string) => Number(value);

export async function rows<R extends Pg.QueryResultRow>(on: Queryable, text: string, values: unknown[] = []) {
  return (await on.query<R>(text, values)).rows;
}

/** Rows as arrays, for reads that map thousands of them (no object per row). */
export async function arrays<R extends unknown[]>(on: Queryable, text: string, values: unknown[] = []) {
  return (await on.query<R>({ text, values, rowMode: "array" })).rows;
}

/** How many rows a write changed. */
export async function changed(on: Queryable, text: string, values: unknown[] = []): Promise<number> {
  return (await on.query(text, values)).rowCount ?? 0;
}

export class PgDb {
  private constructor(
    readonly pool: Pg.Pool,
    readonly location: PostgresLocation,
  ) {}

  static async open(location: PostgresLocation): Promise<PgDb> {
    const pg = await loadPg();
    const pool = new pg.Pool({
      connectionString: location.connectionString,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: "assetline",
      // Set when the connection starts: no extra round trip, and no query ever runs outside the schema.
      // The name is validated by parseStoreLocation (lower-case letters, digits and _).
      options: `-c search_path=${location.schema}`,
      // This pool's own parsers: a global one would change what every other user of pg in the process reads.
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          oid === BIGINT_OID && format !== "binary"
            ? parseBigint
            : pg.types.getTypeParser(oid, format)) as Pg.CustomTypesConfig["getTypeParser"],
      },
    });
    // An idle connection that breaks is reported by the next query that needs one; unheard, it would end the process.
    pool.on("error", () => {});
    return new PgDb(pool, location);
  }

  /** The error said about this store, with the fix when it is a connection's, and no password. */
  describe(error: unknown): Error {
    const { code } = error as { code?: string };
    const message = `${storeName(this.location)}: ${connectFix(error)}`;
    // The code stays readable, so a caller can tell a serialization failure (40001) from a broken connection.
    return Object.assign(new Error(hideSecrets(message, this.location.connectionString)), code && { code });
  }

  async rows<R extends Pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    return rows<R>(this.pool, text, values).catch((error: unknown) => Promise.reject(this.describe(error)));
  }

  async arrays<R extends unknown[]>(text: string, values?: unknown[]): Promise<R[]> {
    return arrays<R>(this.pool, text, values).catch((error: unknown) => Promise.reject(this.describe(error)));
  }

  async changed(text: string, values?: unknown[]): Promise<number> {
    return changed(this.pool, text, values).catch((error: unknown) => Promise.reject(this.describe(error)));
  }

  /** `fn` inside BEGIN … COMMIT on one client; rolled back when it throws. */
  async transaction<T>(fn: (client: Pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect().catch((error: unknown) => Promise.reject(this.describe(error)));
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw isDriverError(error) ? this.describe(error) : error;
    } finally {
      client.release();
    }
  }

  private closed: Promise<void> | undefined;

  /** Idempotent, as closing a SQLite database is. */
  close(): Promise<void> {
    this.closed ??= this.pool.end();
    return this.closed;
  }
}

/** The driver's and the server's errors carry a code; ours (and the caller's own, in a transaction) pass unchanged. */
function isDriverError(error: unknown): boolean {
  return typeof (error as { code?: unknown }).code === "string";
}
