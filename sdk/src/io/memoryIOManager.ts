import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { dataVersionOf, serializeValue } from "./serialize";

/**
 * Values kept in memory, for the in-process `materialize()`. Values are serialized once anyway, so a test sees the
 * same "cannot be stored as JSON" errors and data versions as a real run, but downstream assets get the original object.
 * Each saved value gets its own reference (`memory:<n>`), so the partitions of one key keep their own values.
 */
export class MemoryIOManager implements IOManager {
  /** By reference. */
  readonly values = new Map<string, unknown>();

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    const ref = `memory:${this.values.size}`;
    this.values.set(ref, value);
    return { bytes: bytes.length, dataVersion: dataVersionOf(bytes), ref };
  }

  async load(key: string, ref?: string): Promise<unknown> {
    if (ref === undefined || !this.values.has(ref)) throw new NotMaterializedError(key);
    return this.values.get(ref);
  }
}
