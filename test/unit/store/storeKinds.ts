/** The stores the interface suites run against: each `open()` gives a fresh, empty store and a way to drop it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ValueTable } from "../../../sdk/src/io/tieredIOManager";
import type { Store } from "../../../sdk/src/store/store";
import { openPostgresStore, type PostgresLocation } from "../../../sdk/src/store/postgres/pgStore";
import { parseStoreLocation } from "../../../sdk/src/store/postgres/storeUrl";
import { openStore } from "../../../sdk/src/store/openStore";
import { dropTestSchema, newTestSchema } from "./postgres/pgSchema";

export interface OpenedStore {
  store: Store & ValueTable;
  /** What `openStore`/`openStoreReader` take to open the same store again (a folder or a URL). */
  location: string;
  /** Closes the store and drops what the test made (the folder, the PostgreSQL schema). */
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: "sqlite" | "postgres";
  open(): Promise<OpenedStore>;
}

const sqlite: StoreKind = {
  name: "sqlite",
  async open() {
    const location = join(mkdtempSync(join(tmpdir(), "assetline-store-")), ".assetline");
    const store = await openStore(location);
    return {
      store,
      location,
      async dispose() {
        await store.close();
        rmSync(join(location, ".."), { recursive: true, force: true });
      },
    };
  },
};

/** A store URL's parsed location, for the PostgreSQL openers. */
export function pgLocation(url: string): PostgresLocation {
  const location = parseStoreLocation(url);
  if (location.kind !== "postgres") throw new Error(`${url} is not a postgres:// URL`);
  return location;
}

/** The machine's server (pgSchema.ts), a fresh schema on the test database for each store. */
const postgres: StoreKind = {
  name: "postgres",
  async open() {
    const { schema, url } = newTestSchema();
    const store = await openPostgresStore(pgLocation(url));
    return {
      store,
      location: url,
      async dispose() {
        try {
          await store.close();
        } finally {
          await dropTestSchema(schema);
        }
      },
    };
  },
};

export const storeKinds: StoreKind[] = [sqlite, postgres];
