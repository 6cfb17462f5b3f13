/**
 * A connection pool on a store's schema for the queue's own processes (a worker, a test): every connection's
 * `search_path` is the schema, as the PostgreSQL store's pool sets it, so the queue's SQL names its tables bare.
 */
import type { Pool } from "pg";
import type { PostgresLocation } from "../store/postgres/migratePostgres";
import { loadPg } from "../store/postgres/loadPg";
import type { QueueTx } from "./queueTx";

export async function openQueuePool(
  location: PostgresLocation,
  max: number,
  applicationName = "assetline",
): Promise<Pool> {
  const pg = await loadPg();
  const pool = new pg.Pool({
    connectionString: location.connectionString,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 10_000,
    options: `-c search_path="${location.schema}"`,
  });
  // A connection the server dropped is replaced at the next checkout, and a query on it fails: without listeners
  // the error would crash the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** `fn` inside BEGIN … COMMIT on one of the pool's connections, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, fn: (tx: QueueTx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await fn({ client });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is lost: it leaves the pool rather than serve the next caller.
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
