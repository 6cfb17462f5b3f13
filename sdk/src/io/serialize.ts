import { createHash } from "node:crypto";

/** Plain values are stored as JSON; `undefined` is stored as `null`, as JSON has no undefined. */
export function serializeValue(key: string, value: unknown): Buffer {
  try {
    return Buffer.from(JSON.stringify(value ?? null), "utf8");
  } catch (error) {
    throw new Error(
      `asset "${key}" returned a value that cannot be stored as JSON (${(error as Error).message}): return plain data (objects, arrays, strings, numbers) or store it yourself and return a MaterializeResult without a value.`,
    );
  }
}

export function deserializeValue(bytes: Buffer | string): unknown {
  return JSON.parse(typeof bytes === "string" ? bytes : bytes.toString("utf8"));
}

export function dataVersionOf(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}
