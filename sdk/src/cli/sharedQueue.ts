/**
 * The queue of the shared store, for the commands that exist only there (`workers`, `pools`): a small pool on the
 * store's schema, its tables brought up to date first, closed after `use`.
 */
import type { Pool } from "pg";
import { migrateQueue } from "../queue/migrateQueue";
import { openQueuePool } from "../queue/queuePool";
import { sharedStore } from "../store/openStore";
import type { PostgresLocation } from "../store/postgres/migratePostgres";
import { hideSecrets } from "../store/postgres/storeUrl";
import { StoreUnavailable } from "../store/sqliteStore";
import { CliError } from "./command";
import { errorMessage } from "./workspaceArgs";

/** The shared store the command's `--store` (or ASSETLINE_STORE_URL) names; a folder store is the user's mistake. */
export function requireSharedStore(command: string, storeDir: string): PostgresLocation {
  const location = sharedStore();
  if (!location)
    throw new CliError(
      `\`assetline ${command}\` needs the shared PostgreSQL store the workers use, and ${storeDir} is a SQLite store: pass --store postgres://user@host/db (or set ASSETLINE_STORE_URL).`,
    );
  return location;
}

export async function withSharedQueue<T>(
  command: string,
  storeDir: string,
  use: (pool: Pool, location: PostgresLocation) => Promise<T>,
): Promise<T> {
  const location = requireSharedStore(command, storeDir);
  const pool = await openQueuePool(location, 2);
  try {
    try {
      await migrateQueue(location, pool);
    } catch (error) {
      // The store's migrations name the redacted URL and the fix; Graphile Worker's say what the driver said.
      throw new StoreUnavailable(hideSecrets(errorMessage(error), location.connectionString));
    }
    return await use(pool, location);
  } finally {
    await pool.end();
  }
}
