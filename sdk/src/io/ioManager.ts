import type { IOManagerName } from "../define/definition";
import type { StepSession } from "../warehouse/stepWarehouse";
import type { TableColumn, TableShape } from "../warehouse/table";

/**
 * Where asset values live. The runner saves each materialized value through one and loads `ins` from it.
 * Kept small so other IO managers (object stores, Parquet) can come later without touching the runner.
 */
export interface SavedValue {
  /** Size of the serialized value (or Parquet file); absent for a table inside the warehouse. */
  bytes?: number;
  /** Hash of the serialized value: equal values have equal data versions. */
  dataVersion: string;
  /**
   * Where this value was stored (see valueRef.ts), recorded with its materialization. A stored value is never
   * overwritten by another one, so the record that commits is the one pointer to the current value.
   */
  ref?: string;
  /** What the engine knows of a value stored as a table: its automatic metadata. */
  table?: TableFacts;
}

export interface TableFacts {
  rowCount: number;
  columns: TableColumn[];
  /** The first rows as a Markdown table, every cell escaped. */
  preview: string;
  /** `group.table`: the asset's view in the warehouse. */
  tableName: string;
}

/** What a save needs beyond the key: where the asset's values go and the step's connection to the warehouse. */
export interface SaveTarget {
  io: IOManagerName;
  group?: string;
  partition?: string;
  /** The step's warehouse connection; absent where the run has no warehouse. */
  warehouse?: StepSession;
}

/** What a load needs beyond the key and ref: how the reader names and wants the value. */
export interface LoadTarget {
  /** The `ins` name: a warehouse value becomes the step's TEMP view of that name (`name[partition]`). */
  name: string;
  partition?: string;
  as?: TableShape;
  warehouse?: StepSession;
}

/** What a downstream needs of an upstream's latest record: the data version to record and where its value is. */
export interface CommittedValue {
  dataVersion: string;
  /** Absent for records from before values were immutable, whose value is read by key. */
  valueRef?: string;
}

export interface IOManager {
  save(key: string, value: unknown, target?: SaveTarget): Promise<SavedValue>;
  /**
   * Loads the value a materialization's record points to (`ref`; absent for records written before values were
   * immutable, and for IO managers that keep one value per key). Throws `NotMaterializedError` when it is not there.
   */
  load(key: string, ref?: string, target?: LoadTarget): Promise<unknown>;
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
