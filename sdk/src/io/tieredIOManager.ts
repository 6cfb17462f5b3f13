import type { FileIOManager } from "./fileIOManager";
import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { contentHash, dataVersionOf, deserializeValue, serializeValue } from "./serialize";
import { assertStorableKey } from "./storagePath";
import { formatValueRef, parseValueRef } from "./valueRef";

/** Small values kept beside the run records (the SQLite store implements this). */
export interface ValueTable {
  /** A stored value by its content hash, the writer's own not yet committed ones included. */
  getStoredValue(hash: string): Promise<Buffer | undefined>;
  /** Adds a row, committed in the same transaction as the materialization recorded after it. */
  putStoredValue(hash: string, bytes: Buffer): Promise<void>;
  /** A key's value as stores before schema 3 kept it, one row per key. */
  getLegacyValue(key: string): Promise<Buffer | undefined>;
}

/** Values up to this size go to the table: creating a file costs ~0.5 ms here, a row in a batched transaction microseconds. */
const SMALL_VALUE_BYTES = 8 * 1024;

/**
 * The default IO manager: small values in the store's table, larger ones as files. Either way a value is stored under
 * its content hash and never overwritten by another, and its materialization records where: a crash or a race can
 * leave a value no record points to (collected by the store's sweep), never a record describing another value.
 */
export class TieredIOManager implements IOManager {
  constructor(
    private readonly table: ValueTable,
    private readonly files: FileIOManager,
    private readonly smallValueBytes = SMALL_VALUE_BYTES,
  ) {}

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    const hash = contentHash(bytes);
    const small = bytes.length <= this.smallValueBytes;
    if (small) {
      assertStorableKey(key);
      await this.table.putStoredValue(hash, bytes);
    } else {
      this.files.writeValue(key, hash, bytes);
    }
    const ref = formatValueRef({ where: small ? "table" : "file", hash });
    return { bytes: bytes.length, dataVersion: dataVersionOf(bytes, hash), ref };
  }

  async load(key: string, ref?: string): Promise<unknown> {
    if (ref === undefined) {
      const bytes = (await this.table.getLegacyValue(key)) ?? this.files.readLegacy(key);
      if (bytes === undefined) throw new NotMaterializedError(key);
      return deserializeValue(bytes);
    }
    const parsed = parseValueRef(ref);
    if (parsed?.where === "file") return this.files.load(key, ref);
    if (parsed === undefined) {
      throw new Error(`asset "${key}": its record points to "${ref}", which this Assetline cannot read: upgrade it.`);
    }
    const bytes = await this.table.getStoredValue(parsed.hash);
    if (bytes === undefined) throw new NotMaterializedError(key, `the store's row ${ref}`);
    return deserializeValue(bytes);
  }
}
