/**
 * The store folder and what is in it. Nothing is written through a symbolic link: a linked default `.assetline`
 * would put the database and values outside the workspace, a linked `storage` or database file outside the store.
 */
import { realpathSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { LinkRefused, linkRefused, lstatOrUndefined } from "../io/links";
import { sweepStorage, type LiveValue } from "../io/sweepStorage";
import { sweepingWarehouse } from "../warehouse/sweepWarehouse";
import type { Store } from "./store";

export const DATABASE_FILE = "assetline.db";
const STORAGE_FOLDER = "storage";
/** The DuckDB file that holds table values (docs/warehouse.md). */
const WAREHOUSE_FILE = "warehouse.duckdb";

export function warehouseFile(storeDir: string): string {
  return join(storeDir, WAREHOUSE_FILE);
}

/** Where the default IO manager keeps values too large for the store's table. */
export function storageFolder(storeDir: string): string {
  return join(storeDir, STORAGE_FOLDER);
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Where a link leads, or the link itself when it leads nowhere (then nothing can be written there either). */
function resolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Refuses a store folder that resolves outside `workspace` (given when the folder is the default, not one the user
 * chose with --store or the assetline.storeFolder setting), and, always, a linked storage folder or database file.
 */
export function assertStoreFolderSafe(storeDir: string, workspace?: string): void {
  const stat = lstatOrUndefined(storeDir);
  if (stat === undefined) return;
  if (workspace !== undefined && stat.isSymbolicLink()) {
    const target = resolved(storeDir);
    if (target === storeDir || !inside(resolved(workspace), target)) {
      throw new LinkRefused(
        `${storeDir} is a symbolic link to ${target}, outside the workspace: Assetline writes its store there only if you choose that folder: pass --store ${target} (or set assetline.storeFolder), or remove the link.`,
      );
    }
  }
  for (const file of [STORAGE_FOLDER, DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, WAREHOUSE_FILE]) {
    const path = join(storeDir, file);
    if (lstatOrUndefined(path)?.isSymbolicLink()) throw linkRefused(path);
  }
}

/**
 * Deletes the values no latest record points to, in the table, in the storage folder and in the warehouse, unless a
 * run is running. Called after each run and by `wipe`; resolves with whether it collected.
 */
export function collectUnreferencedValues(store: Store, storeDir: string): Promise<boolean> {
  return sweepingWarehouse(warehouseFile(storeDir), async (dropTables) => {
    let live: LiveValue[] | undefined;
    const collected = await store.collectGarbage((values) => {
      live = values;
      sweepStorage(storageFolder(storeDir), values);
    });
    if (live && dropTables) await dropTables(live);
    return collected;
  });
}
