/**
 * Where asset values live. The runner saves each materialized value through one and loads `ins` from it.
 * Kept small so other IO managers (object stores, Parquet) can come later without touching the runner.
 */
export interface SavedValue {
  /** Size of the serialized value. */
  bytes: number;
  /** Hash of the serialized value: equal values have equal data versions. */
  dataVersion: string;
  /**
   * Where this value was stored (see valueRef.ts), recorded with its materialization. A stored value is never
   * overwritten by another one, so the record that commits is the one pointer to the current value.
   */
  ref?: string;
}

/** What a downstream needs of an upstream's latest record: the data version to record and where its value is. */
export interface CommittedValue {
  dataVersion: string;
  /** Absent for records from before values were immutable, whose value is read by key. */
  valueRef?: string;
}

export interface IOManager {
  save(key: string, value: unknown): Promise<SavedValue>;
  /**
   * Loads the value a materialization's record points to (`ref`; absent for records written before values were
   * immutable, and for IO managers that keep one value per key). Throws `NotMaterializedError` when it is not there.
   */
  load(key: string, ref?: string): Promise<unknown>;
}

export class NotMaterializedError extends Error {
  constructor(
    readonly key: string,
    /** The file or row the record pointed to, when there was a record. */
    readonly where?: string,
  ) {
    super(where ? `the stored value of asset "${key}" is gone (${where})` : `asset "${key}" has no stored value`);
  }
}
