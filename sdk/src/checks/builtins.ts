/**
 * Ready-made checks (`checks.unique("order_id")`) over the values most assets store, arrays of records and tables
 * (in SQL, see tableQueries.ts). Each names
 * itself (`unique_order_id`) and records what it counted as metadata, so a failure says what to look at.
 */
import { callLabel } from "../define/definition";
import { checkDefinition } from "./assetCheck";
import { AssetCheckResult } from "./assetCheckResult";
import { checkHandle } from "./checkHandle";
import { checkSpecOf, type CheckOptions } from "./checkSpec";
import type { AssetCheckContext, CheckHandle } from "./definition";
import { freshnessStatus } from "./freshness";
import { freshnessPolicyOf, type FreshnessOptions } from "./freshnessPolicy";
import { isTable, tableDuplicates, tableNulls, tableRowCount, type QueryableTable } from "./tableQueries";

/** How many offending rows or values the metadata lists. */
const SAMPLE = 5;

/**
 * A builtin check: callable in tests with the value it checks (`checks.unique("id")(rows)`); over a `Table` it runs
 * SQL, so its result is a promise.
 */
export type BuiltinCheck = CheckHandle & {
  (value: readonly unknown[], context?: AssetCheckContext): AssetCheckResult;
  (value: QueryableTable, context?: AssetCheckContext): Promise<AssetCheckResult>;
  (value: unknown, context?: AssetCheckContext): AssetCheckResult | Promise<AssetCheckResult>;
};

/** `checks.freshness(...)`: it reads the materialization's time, not the value, so it answers at once. */
export type FreshnessCheck = CheckHandle & ((value: unknown, context?: AssetCheckContext) => AssetCheckResult);

/** How a builtin counts: over an array of records in JavaScript, over a table in SQL; both give the same result. */
interface Counting {
  rows(rows: readonly unknown[]): AssetCheckResult;
  table(table: QueryableTable): Promise<AssetCheckResult>;
}

export const checks = {
  /** Passes when the array or table holds `min` to `max` rows (both optional, inclusive). Metadata: `row_count`. */
  rowCount(options: CheckOptions & { min?: number; max?: number } = {}): BuiltinCheck {
    const { min, max } = options;
    const where = callLabel("checks.rowCount", options.name ?? "row_count");
    for (const [bound, value] of Object.entries({ min, max }))
      if (value !== undefined && !Number.isInteger(value))
        throw new Error(`${where}: \`${bound}\` must be a whole number (got ${JSON.stringify(value)}).`);
    const result = (count: number) => {
      const passed = (min === undefined || count >= min) && (max === undefined || count <= max);
      const expected = [min !== undefined && `at least ${min}`, max !== undefined && `at most ${max}`].filter(Boolean);
      return AssetCheckResult({
        passed,
        description: `${count} rows${passed || expected.length === 0 ? "" : `, expected ${expected.join(" and ")}`}`,
        metadata: { row_count: count },
      });
    };
    return builtin(options, where, "row_count", {
      rows: (rows) => result(rows.length),
      table: async (table) => result(await tableRowCount(table)),
    });
  },

  /** Passes when no row's `column` is null or undefined. Metadata: `null_count`, `null_rows` (first indexes). */
  notNull(column: string, options: CheckOptions = {}): BuiltinCheck {
    const where = callLabel("checks.notNull", columnName(column, "checks.notNull"));
    const result = (count: number, rows: number[]) =>
      AssetCheckResult({
        passed: count === 0,
        description:
          count === 0
            ? `no null ${column} values`
            : `${count} null ${column} values (rows ${rows.join(", ")}${count > SAMPLE ? ", …" : ""})`,
        metadata: { null_count: count, null_rows: rows },
      });
    return builtin(options, where, `not_null_${column}`, {
      rows: (rows) => {
        const nullRows = rows.flatMap((row, index) => (cell(row, column) == null ? [index] : []));
        return result(nullRows.length, nullRows.slice(0, SAMPLE));
      },
      table: async (table) => {
        const nulls = await tableNulls(table, column, SAMPLE);
        return result(nulls.count, nulls.rows);
      },
    });
  },

  /**
   * Passes when no two rows share a `column` value (null and undefined are left out, as SQL's UNIQUE does).
   * Metadata: `duplicate_count` (rows repeating an earlier value), `duplicates` (the first repeated values).
   */
  unique(column: string, options: CheckOptions = {}): BuiltinCheck {
    const where = callLabel("checks.unique", columnName(column, "checks.unique"));
    const result = (count: number, sample: unknown[], more: boolean) =>
      AssetCheckResult({
        passed: count === 0,
        description:
          count === 0
            ? `every ${column} is unique`
            : `${count} duplicate ${column} values (${sample.map((value) => JSON.stringify(value)).join(", ")}${more ? ", …" : ""})`,
        metadata: { duplicate_count: count, duplicates: sample },
      });
    return builtin(options, where, `unique_${column}`, {
      rows: (rows) => {
        const seen = new Set<unknown>();
        const duplicates = new Map<unknown, unknown>();
        let count = 0;
        for (const row of rows) {
          const value = cell(row, column);
          if (value == null) continue;
          // Objects (dates, ids made of parts) compare by content, as they would in a table.
          const identity = typeof value === "object" ? JSON.stringify(value) : value;
          if (!seen.has(identity)) seen.add(identity);
          else {
            count++;
            if (!duplicates.has(identity)) duplicates.set(identity, value);
          }
        }
        return result(count, [...duplicates.values()].slice(0, SAMPLE), duplicates.size > SAMPLE);
      },
      table: async (table) => {
        const duplicates = await tableDuplicates(table, column, SAMPLE);
        return result(duplicates.count, duplicates.values, duplicates.more);
      },
    });
  },

  /**
   * Passes while the asset's newest materialization is within `maximumLag` (with `cron`: at each tick), as an asset's
   * `freshness` option measures it, but as a check: run with the asset's other checks and recorded with them.
   */
  freshness(options: CheckOptions & FreshnessOptions): FreshnessCheck {
    const where = callLabel("checks.freshness", options?.name ?? "freshness");
    const policy = freshnessPolicyOf(options, where);
    const spec = checkSpecOf(options, where, "freshness");
    const run = (_value: unknown, context: AssetCheckContext) => {
      const status = freshnessStatus(policy, context.materialization?.timestamp, context.now);
      return AssetCheckResult({
        passed: status.state === "fresh",
        description: status.reason,
        metadata: {
          maximum_lag: policy.maximumLag,
          ...(context.materialization && { last_materialized_at: new Date(context.materialization.timestamp) }),
          ...(status.overdueByMs !== undefined && { overdue_by_ms: status.overdueByMs }),
        },
      });
    };
    return checkHandle(checkDefinition(options, spec, where, run), run);
  },
};

/** A check over an array of records or a table; a value of another shape fails, saying what it got. */
function builtin(options: CheckOptions, where: string, ownName: string, counting: Counting): BuiltinCheck {
  const spec = checkSpecOf(options, where, ownName);
  const run = (value: unknown) => {
    if (Array.isArray(value)) return counting.rows(value);
    if (isTable(value)) return counting.table(value);
    return AssetCheckResult({
      passed: false,
      description: `expected an array of records or a table, got ${shapeOf(value)}`,
      metadata: {},
    });
  };
  return checkHandle(checkDefinition(options, spec, where, run), run) as BuiltinCheck;
}

function columnName(column: unknown, call: string): string {
  if (typeof column === "string" && column.length > 0) return column;
  throw new Error(
    `${call}: the first argument must be a column name such as "order_id" (got ${JSON.stringify(column)}).`,
  );
}

function cell(row: unknown, column: string): unknown {
  return typeof row === "object" && row !== null ? (row as Record<string, unknown>)[column] : undefined;
}

function shapeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value !== "object") return `a ${typeof value} (${String(value).slice(0, 40)})`;
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}
