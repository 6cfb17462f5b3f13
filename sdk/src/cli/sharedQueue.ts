/**
 * The queue of the shared store, for the commands that exist only there (`workers`, `pools`): a small pool on the
 * store's schema, its tables brought up to date first, closed after `use`.
 */
import type { Pool } from "pg";
import { migrateQueue } from "../queue/migrateQueue";
import { openQueuePool } from "../queue/queuePool";
import { type StepAttempt, stepAttempts } from "../queue/stepAttempts";
import { sharedStore } from "../store/openStore";
import type { PostgresLocation } from "../store/postgres/migratePostgres";
import { hideSecrets } from "../protocol";
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
  return onQueue(location, async (pool) => {
    await unavailableOnError(location, () => migrateQueue(location, pool));
    return use(pool, location);
  });
}

/** The step attempts of these runs on a shared store; undefined on a SQLite one (its runs are local). */
export async function sharedAttempts(runIds: readonly string[]): Promise<StepAttempt[] | undefined> {
  const location = sharedStore();
  if (!location) return undefined;
  return onQueue(location, (pool) => unavailableOnError(location, () => stepAttempts(pool, runIds)));
}

async function onQueue<T>(location: PostgresLocation, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = await openQueuePool(location, 2);
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
}

/** The store's migrations name the redacted URL and the fix; the driver's own errors may hold the password. */
async function unavailableOnError<T>(location: PostgresLocation, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new StoreUnavailable(hideSecrets(errorMessage(error), location.connectionString));
  }
}
