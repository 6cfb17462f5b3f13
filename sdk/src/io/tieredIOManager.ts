import type { FileIOManager } from "./fileIOManager";
import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { dataVersionOf, deserializeValue, serializeValue } from "./serialize";
import { assertStorableKey } from "./storagePath";

/** Small values kept beside the run records (the SQLite store implements this). */
export interface ValueTable {
  getValue(key: string): Buffer | undefined;
  putValue(key: string, bytes: Buffer): void;
  deleteValue(key: string): void;
}

/** Values up to this size go to the table: creating a file costs ~0.5 ms here, a row in a batched transaction microseconds. */
const SMALL_VALUE_BYTES = 8 * 1024;

/**
 * The default IO manager: small values in the store's table, larger ones as one file per asset. A value that shrinks
 * below the threshold leaves its old file behind (removed by `wipe`): reads look in the table first, and checking for
 * a file on every small save would cost a system call per asset.
 */
export class TieredIOManager implements IOManager {
  constructor(
    private readonly table: ValueTable,
    private readonly files: FileIOManager,
    private readonly smallValueBytes = SMALL_VALUE_BYTES,
  ) {}

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    if (bytes.length <= this.smallValueBytes) {
      assertStorableKey(key);
      this.table.putValue(key, bytes);
    } else {
      this.files.writeBytes(key, bytes);
      this.table.deleteValue(key);
    }
    return { bytes: bytes.length, dataVersion: dataVersionOf(bytes) };
  }

  async load(key: string): Promise<unknown> {
    const bytes = this.table.getValue(key) ?? this.files.readBytes(key);
    if (bytes === undefined) throw new NotMaterializedError(key);
    return deserializeValue(bytes);
  }

  async delete(key: string): Promise<void> {
    this.table.deleteValue(key);
    this.files.deleteFile(key);
  }
}
