/**
 * Where asset values live. The runner saves each materialized value through one and loads `ins` from it.
 * Kept small so other IO managers (object stores, Parquet) can come later without touching the runner.
 */
export interface SavedValue {
  /** Size of the serialized value. */
  bytes: number;
  /** Hash of the serialized value: equal values have equal data versions. */
  dataVersion: string;
}

export interface IOManager {
  save(key: string, value: unknown): Promise<SavedValue>;
  /** Throws `NotMaterializedError` when the key has no stored value. */
  load(key: string): Promise<unknown>;
  delete(key: string): Promise<void>;
}

export class NotMaterializedError extends Error {
  constructor(readonly key: string) {
    super(`asset "${key}" has no stored value`);
  }
}
