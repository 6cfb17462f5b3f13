/** Keys held in constants, which the analyzer follows across files. */
export const ORDERS = "warehouse/orders";
export const SEGMENTS = "segments" as const;
