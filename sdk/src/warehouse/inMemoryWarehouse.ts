/** Warehouses in memory: for a test's own `ctx.duckdb`, and for the tables of an in-process `materialize()`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileIOManager } from "../io/fileIOManager";
import type { IOManager } from "../io/ioManager";
import { loadDuckDB } from "./loadDuckDB";
import { StepSession } from "./stepWarehouse";
import type { StepWarehouse } from "./table";
import { TableIOManager } from "./tableIOManager";
import { Warehouse } from "./warehouse";

/**
 * A `StepWarehouse` on an in-memory database, for tests that call an asset directly:
 * `createTestContext({ duckdb: await inMemoryWarehouse() })`. DuckDB is loaded by this call only.
 */
export async function inMemoryWarehouse(): Promise<StepWarehouse & { close(): Promise<void> }> {
  await loadDuckDB();
  const warehouse = new Warehouse({});
  const session = new StepSession(warehouse, "test");
  await session.connection();
  return Object.assign(session, {
    close: async () => {
      await StepSession.prototype.close.call(session);
      warehouse.close();
    },
  });
}

/** `materialize()`'s tables: an in-memory warehouse, Parquet files in a temporary folder; `close` removes both. */
export function inMemoryRunWarehouse(json: IOManager) {
  const warehouse = new Warehouse({});
  let files: FileIOManager | undefined;
  const parquetFiles = () => (files ??= new FileIOManager(mkdtempSync(join(tmpdir(), "assetline-parquet-"))));
  const io = new TableIOManager(json, parquetFiles);
  return {
    warehouse,
    io,
    /** A stored table's rows, as a downstream asking `as: "rows"` gets them. */
    async rows(key: string, valueRef: string): Promise<unknown> {
      const session = new StepSession(warehouse, key);
      try {
        return await io.load(key, valueRef, { name: "value", as: "rows", warehouse: session });
      } finally {
        await session.close();
      }
    },
    close(): void {
      warehouse.close();
      if (files) rmSync(files.root, { recursive: true, force: true });
    },
  };
}
