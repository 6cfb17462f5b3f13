import { NotMaterializedError, type IOManager, type SavedValue } from "./ioManager";
import { dataVersionOf, serializeValue } from "./serialize";

/**
 * Values kept in memory, for the in-process `materialize()`. Values are serialized once anyway, so a test sees the
 * same "cannot be stored as JSON" errors and data versions as a real run, but downstream assets get the original object.
 * One run owns the memory, so one value per key is enough: no reference is needed.
 */
export class MemoryIOManager implements IOManager {
  readonly values = new Map<string, unknown>();

  async save(key: string, value: unknown): Promise<SavedValue> {
    const bytes = serializeValue(key, value);
    this.values.set(key, value);
    return { bytes: bytes.length, dataVersion: dataVersionOf(bytes) };
  }

  async load(key: string): Promise<unknown> {
    if (!this.values.has(key)) throw new NotMaterializedError(key);
    return this.values.get(key);
  }
}
