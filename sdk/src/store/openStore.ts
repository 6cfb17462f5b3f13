/**
 * Where a workspace's records live, and the one way to open them. The store folder (`.assetline/`, or `--store DIR`)
 * always holds what is this machine's own (the bundle being built, the daemon's files, the DuckDB warehouse); its
 * records are the folder's SQLite database unless `ASSETLINE_STORE_URL` names a shared PostgreSQL store, which
 * `--store postgres://…` and the editor's `assetline.store` setting set. An environment variable, not an argument,
 * carries it: every process a command starts (a run, the daemon's children, a worker's step process) opens the same
 * store, and the password never shows in a process list.
 */
import type { ValueTable } from "../io/tieredIOManager";
import type { PostgresLocation } from "./postgres/migratePostgres";
import { redactUrl, STORE_URL_VARIABLE } from "../protocol";
import { parseStoreLocation } from "./postgres/storeUrl";
import { openSqliteReader, openSqliteStore, StoreUnavailable } from "./sqliteStore";
import type { Store, StoreReader } from "./store";

/** The shared store this process's records go to, when one is set. */
export function sharedStore(): PostgresLocation | undefined {
  const url = process.env[STORE_URL_VARIABLE]?.trim();
  if (!url) return undefined;
  let location: ReturnType<typeof parseStoreLocation>;
  try {
    location = parseStoreLocation(url);
  } catch (error) {
    throw new StoreUnavailable(`${STORE_URL_VARIABLE}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (location.kind !== "postgres")
    throw new StoreUnavailable(
      `${STORE_URL_VARIABLE} is ${redactUrl(url)}, not a postgres:// URL: a folder store is chosen with --store DIR or the assetline.storeFolder setting.`,
    );
  return location;
}

/** What a store's messages call it: the redacted URL, or the folder. */
export function storeName(storeDir: string): string {
  return sharedStore()?.redacted ?? storeDir;
}

/** A shared store that cannot be opened is the user's setup (server down, wrong URL): one line with the fix. */
async function openShared<T>(open: (location: PostgresLocation) => Promise<T>, location: PostgresLocation) {
  try {
    return await open(location);
  } catch (error) {
    throw new StoreUnavailable(error instanceof Error ? error.message : String(error));
  }
}

/** A `postgres://` URL given where a folder is taken (`--store URL` passed on) is that store, else the variable's. */
function sharedAt(location: string): PostgresLocation | undefined {
  const given = parseStoreLocation(location);
  return given.kind === "postgres" ? given : sharedStore();
}

/**
 * Opens (creating or migrating if needed) the store for a run or a wipe; marks crashed runs failed. `location` is the
 * store folder, or a shared store's URL.
 */
export async function openStore(location: string): Promise<Store & ValueTable> {
  const shared = sharedAt(location);
  return shared ? openPostgres(shared) : openSqliteStore(location);
}

/** The shared store itself, with its transactions (a worker records a step's events with its completion). */
export async function openPostgres(location: PostgresLocation) {
  const { openPostgresStore } = await import("./postgres/pgStore");
  return openShared(openPostgresStore, location);
}

/** A reader that never blocks a run. */
export async function openStoreReader(location: string): Promise<StoreReader> {
  const shared = sharedAt(location);
  if (!shared) return openSqliteReader(location);
  const { openPostgresReader } = await import("./postgres/pgStore");
  return openShared(openPostgresReader, shared);
}

/** Opens a reader for one read and always closes it, whatever `read` returns or throws. */
export async function readStore<T>(location: string, read: (store: StoreReader) => T | Promise<T>): Promise<T> {
  const store = await openStoreReader(location);
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}
