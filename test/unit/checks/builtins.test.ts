/**
 * The builtin checks over arrays of records: whether they pass, the metadata a failure shows, and what they say when
 * the asset stores something else.
 */
import { describe, expect, it } from "vitest";
import { checks } from "assetline";
import { createCheckContext } from "../../../sdk/src/checks/checkContext";

const rows = (...ids: unknown[]) => ids.map((order_id) => ({ order_id }));
const HOUR = 3_600_000;

describe("builtin checks over arrays of records", () => {
  it.each([
    ["rowCount in bounds", checks.rowCount({ min: 1, max: 3 }), rows(1, 2), true, "2 rows", { row_count: 2 }],
    ["rowCount below min", checks.rowCount({ min: 1 }), [], false, "0 rows, expected at least 1", { row_count: 0 }],
    [
      "rowCount above max",
      checks.rowCount({ min: 1, max: 2 }),
      rows(1, 2, 3),
      false,
      "3 rows, expected at least 1 and at most 2",
      { row_count: 3 },
    ],
    [
      "notNull with values",
      checks.notNull("order_id"),
      rows(1, 0, ""),
      true,
      "no null order_id values",
      { null_count: 0, null_rows: [] },
    ],
    [
      "notNull with nulls",
      checks.notNull("order_id"),
      [...rows(1, null), {}, "x"],
      false,
      "3 null order_id values (rows 1, 2, 3)",
      { null_count: 3, null_rows: [1, 2, 3] },
    ],
    [
      "notNull over many nulls",
      checks.notNull("order_id"),
      rows(...Array(7).fill(null)),
      false,
      "7 null order_id values (rows 0, 1, 2, 3, 4, …)",
      { null_count: 7, null_rows: [0, 1, 2, 3, 4] },
    ],
    [
      "unique values",
      checks.unique("order_id"),
      rows(1, 2, null, null),
      true,
      "every order_id is unique",
      { duplicate_count: 0, duplicates: [] },
    ],
    [
      "unique with repeats",
      checks.unique("order_id"),
      rows(1, 2, 1, 1, "a", "a"),
      false,
      '3 duplicate order_id values (1, "a")',
      { duplicate_count: 3, duplicates: [1, "a"] },
    ],
    [
      "unique over objects",
      checks.unique("order_id"),
      rows({ day: 1 }, { day: 1 }),
      false,
      '1 duplicate order_id values ({"day":1})',
      { duplicate_count: 1, duplicates: [{ day: 1 }] },
    ],
  ])("%s", (_case, check, value, passed, description, metadata) => {
    expect(check(value)).toMatchObject({ passed, description, metadata });
  });

  it.each([
    [{ rows: [] }, "an object"],
    [new Map(), "a Map"],
    ["orders.csv", "a string (orders.csv)"],
    [null, "null"],
    [undefined, "undefined"],
  ])("fails on %j, saying it got %s", (value, got) => {
    for (const check of [checks.rowCount(), checks.notNull("id"), checks.unique("id")])
      expect(check(value)).toMatchObject({
        passed: false,
        description: `expected an array of records or a table, got ${got}`,
      });
  });
});

describe("checks.freshness", () => {
  const now = Date.parse("2026-03-02T12:00:00Z");
  const materialized = (hoursAgo: number) =>
    createCheckContext({ now, materialization: { timestamp: now - hoursAgo * HOUR, dataVersion: "v", metadata: {} } });

  it.each([
    [2, true, undefined],
    [30, false, 6 * HOUR],
  ])("measures data %d h old against a 24 h lag (passed: %s)", (hoursAgo, passed, overdueBy) => {
    const result = checks.freshness({ maximumLag: "24h" })([], materialized(hoursAgo));
    expect(result.passed).toBe(passed);
    expect(result.description).toContain(passed ? "fresh" : "overdue by 6 h");
    expect(result.metadata).toMatchObject({
      maximum_lag: "24h",
      last_materialized_at: new Date(now - hoursAgo * HOUR),
      ...(overdueBy !== undefined && { overdue_by_ms: overdueBy }),
    });
  });

  it("fails without a materialization", () => {
    expect(checks.freshness({ maximumLag: "1h" })([], createCheckContext({ now }))).toMatchObject({
      passed: false,
      description: expect.stringContaining("never materialized"),
    });
  });
});
