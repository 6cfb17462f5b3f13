/** Keys held in constants, which the analyzer follows across files. */
export const ORDERS = "warehouse/orders";
export const SEGMENTS = "segments" as const;
/** An IO manager held in a constant: its kinds come through it. */
export const STORED_AS = "parquet";
