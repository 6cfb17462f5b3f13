/**
 * Defining checks: the names they take, the mistakes refused on the line that makes them (naming the check and the
 * fix), freshness policies read at define time, and checks called directly in tests.
 */
import { describe, expect, it } from "vitest";
import { AssetSpec, asset, assetCheck, checks, multiAssetCheck } from "assetline";
import { checkInfoOf, type CheckHandle } from "../../../sdk/src/checks/definition";
import { infoOf } from "../../../sdk/src/define/definition";

const orders = asset({ key: "orders" }, () => [{ order_id: 1 }]);
const specOf = (check: CheckHandle) => checkInfoOf(check).specs[0]!;

describe("check names and forms", () => {
  it.each([
    [
      "the name option",
      assetCheck({ asset: orders, name: "positive_totals" }, () => true),
      "positive_totals",
      "assetCheck",
    ],
    ["none yet (the export names it)", assetCheck({ asset: "orders" }, () => true), undefined, "assetCheck"],
    ["an inline check's option", assetCheck({ name: "sorted" }, () => true), "sorted", "inline"],
    ["rowCount's own name", checks.rowCount({ min: 1 }), "row_count", "inline"],
    ["notNull's own name", checks.notNull("email", { asset: orders }), "not_null_email", "assetCheck"],
    ["unique's own name", checks.unique("order_id"), "unique_order_id", "inline"],
    ["freshness's own name", checks.freshness({ maximumLag: "24h" }), "freshness", "inline"],
    ["a builtin's name option", checks.unique("order_id", { name: "one_per_order" }), "one_per_order", "inline"],
  ])("takes %s", (_case, check, name, form) => {
    expect(specOf(check).name).toBe(name);
    expect(checkInfoOf(check).form).toBe(form);
  });

  it("keeps blocking, description and severity as written", () => {
    const check = checks.unique("order_id", {
      asset: orders,
      blocking: true,
      description: "one row per order",
      severity: "warn",
    });
    expect(specOf(check)).toEqual({
      name: "unique_order_id",
      asset: orders,
      blocking: true,
      description: "one row per order",
    });
    expect(checkInfoOf(check).severity).toBe("warn");
  });

  it("declares one spec per multiAssetCheck spec, and keeps `ins` for the runner", () => {
    const check = multiAssetCheck(
      {
        specs: [
          { asset: orders, name: "a" },
          { asset: "payments", name: "b", blocking: true },
        ],
        ins: { orders },
      },
      () => [],
    );
    expect(checkInfoOf(check).specs.map(({ name, blocking }) => ({ name, blocking }))).toEqual([
      { name: "a", blocking: false },
      { name: "b", blocking: true },
    ]);
    expect(checkInfoOf(check).ins).toEqual({ orders });
  });

  it("attaches inline checks to their asset", () => {
    const unique = checks.unique("order_id");
    const withChecks = asset({ checks: [unique] }, () => []);
    expect(infoOf(withChecks).checks).toEqual([unique]);
  });
});

describe("mistakes refused where the check is defined", () => {
  it.each([
    [
      "a name outside the key rules",
      () => assetCheck({ asset: orders, name: "no spaces" }, () => true),
      'assetCheck("no spaces"): the check name "no spaces" may hold only letters, digits, "_" and "-": give it a `name` option',
    ],
    [
      "a builtin whose column makes a bad name",
      () => checks.notNull("order id"),
      'checks.notNull("order id"): the check name "not_null_order id" may hold only',
    ],
    [
      "a missing function",
      () => assetCheck({ asset: orders } as never, undefined as never),
      "assetCheck(…): the second argument must be the check's function",
    ],
    [
      "a bad asset",
      () => assetCheck({ asset: 42 as never }, () => true),
      "assetCheck(…): `asset` must be an asset or an asset key string (got number).",
    ],
    [
      "a bad asset key",
      () => assetCheck({ asset: "a//b" }, () => true),
      'assetCheck(…): `asset`: asset key "a//b" has an empty part',
    ],
    [
      "a non-boolean blocking",
      () => assetCheck({ asset: orders, name: "x", blocking: "yes" as never }, () => true),
      'assetCheck("x"): `blocking` must be true or false (got "yes").',
    ],
    [
      "an unknown severity",
      () => checks.unique("id", { severity: "fatal" as never }),
      'checks.unique("id"): `severity` must be "warn" or "error" (got "fatal").',
    ],
    [
      "a bad `ins` entry",
      () => assetCheck({ asset: orders, ins: { x: 1 as never } }, () => true),
      "assetCheck(…): `ins.x` must be an asset",
    ],
    [
      "a multiAssetCheck without specs",
      () => multiAssetCheck({ specs: [] }, () => []),
      "multiAssetCheck(…): `specs` must list at least one { asset, name }.",
    ],
    [
      "a spec without a name",
      () => multiAssetCheck({ specs: [{ asset: orders } as never] }, () => []),
      "multiAssetCheck(…): `specs[0]` must name its `asset` and its `name`",
    ],
    [
      "a fractional row bound",
      () => checks.rowCount({ min: 1.5 }),
      'checks.rowCount("row_count"): `min` must be a whole number (got 1.5).',
    ],
    [
      "an empty column",
      () => checks.unique(""),
      'checks.unique: the first argument must be a column name such as "order_id" (got "").',
    ],
    [
      "a check with its own asset inline",
      () => asset({ key: "x", checks: [checks.unique("id", { asset: orders })] }, () => 1),
      'asset("x"): `checks[0]` names its own asset: a check in an asset\'s `checks` is about that asset, so remove its `asset`',
    ],
    [
      "a non-check inline",
      () => asset({ key: "x", checks: [() => true] as never }, () => 1),
      'asset("x"): `checks[0]` is not a check',
    ],
  ])("refuses %s", (_case, define, message) => {
    expect(define).toThrow(message);
  });
});

describe("freshness policies, read at define time", () => {
  it.each([
    [{ maximumLag: "24h" }, { maximumLag: "24h", maximumLagMs: 86_400_000 }],
    [
      { maximumLag: "90m", cron: "0 6 * * *" },
      { maximumLag: "90m", maximumLagMs: 5_400_000, cron: "0 6 * * *" },
    ],
    [
      { maximumLag: "1d", cron: "0 6 * * 1", cronTimezone: "Europe/Paris" },
      { maximumLag: "1d", maximumLagMs: 86_400_000, cron: "0 6 * * 1", cronTimezone: "Europe/Paris" },
    ],
  ])("writes %j as %j on the asset and on an external asset", (freshness, policy) => {
    expect(infoOf(asset({ freshness }, () => 1)).assets[0]!.freshness).toEqual(policy);
    expect(infoOf(AssetSpec("raw", { freshness })).assets[0]!.freshness).toEqual(policy);
  });

  it.each([
    [{ maximumLag: "1 day" }, 'asset("late"): `freshness.maximumLag`: "1 day" is not a duration at "1 day"'],
    [{ maximumLag: 60 }, 'asset("late"): `freshness` needs a `maximumLag` string such as "24h" (got 60).'],
    [{ maximumLag: "1h", cron: "every day" }, 'asset("late"): `freshness.cron`: "every day" is not a cron expression'],
    [{ maximumLag: "1h", cron: "0 6 * * *", cronTimezone: "Mars/Base" }, '"Mars/Base" is not an IANA time zone'],
    [{ maximumLag: "1h", cronTimezone: "UTC" }, "`freshness.cronTimezone` applies to a `cron` only"],
  ])("refuses %j", (freshness, message) => {
    expect(() => asset({ key: "late", freshness: freshness as never }, () => 1)).toThrow(message);
  });

  it("refuses a bad checks.freshness policy, naming the check", () => {
    expect(() => checks.freshness({ maximumLag: "0h" })).toThrow(
      'checks.freshness("freshness"): `freshness.maximumLag`: "0h" is zero',
    );
  });
});

describe("checks called directly in tests", () => {
  it("returns what the function returns, with the value typed as the asset's", async () => {
    const nonEmpty = assetCheck({ asset: orders }, (rows) => rows.length > 0);
    expect(nonEmpty([{ order_id: 2 }])).toBe(true);
    expect(nonEmpty([])).toBe(false);
    const reads = assetCheck({ asset: orders, ins: { orders } }, async ({ orders }) => orders.length === 1);
    await expect(reads({ orders: [{ order_id: 3 }] })).resolves.toBe(true);
  });

  it("gives a direct call a context naming the check", () => {
    const named = assetCheck({ asset: orders, name: "named" }, (_rows, ctx) => ctx.checkKey === "orders:named");
    expect(named([])).toBe(true);
  });
});
