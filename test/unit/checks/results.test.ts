/** What a check function returns (or throws), as the runner records it: one result per check it declares. */
import { describe, expect, it } from "vitest";
import { AssetCheckResult, assetCheck, checks, multiAssetCheck } from "assetline";
import { checkInfoOf } from "../../../sdk/src/checks/definition";
import { checkResults } from "../../../sdk/src/checks/results";

const single = checkInfoOf(assetCheck({ asset: "orders", name: "c" }, () => true));
const warning = checkInfoOf(checks.unique("id", { asset: "orders", severity: "warn" }));
const multi = checkInfoOf(
  multiAssetCheck(
    {
      specs: [
        { asset: "orders", name: "a" },
        { asset: "payments", name: "a" },
      ],
    },
    () => [],
  ),
);
const twoKeys = ["orders:a", "payments:a"];

describe("checkResults", () => {
  it.each([
    ["true", true, single, [{ checkKey: "orders:c", passed: true, severity: "error", metadata: {} }]],
    [
      "false, with the check's severity",
      false,
      warning,
      [{ checkKey: "orders:c", passed: false, severity: "warn", metadata: {} }],
    ],
    [
      "an AssetCheckResult",
      AssetCheckResult({ passed: false, description: "3 bad", metadata: { bad: 3 } }),
      single,
      [
        {
          checkKey: "orders:c",
          passed: false,
          severity: "error",
          description: "3 bad",
          metadata: { bad: { type: "int", value: 3 } },
        },
      ],
    ],
    [
      "a thrown error",
      new Error("boom"),
      warning,
      [{ checkKey: "orders:c", passed: false, severity: "error", description: "boom", metadata: {} }],
    ],
    [
      "undefined",
      undefined,
      single,
      [
        {
          checkKey: "orders:c",
          passed: false,
          severity: "error",
          description: "the check returned undefined: return an AssetCheckResult or true/false",
          metadata: {},
        },
      ],
    ],
    [
      "a plain object",
      { passed: true },
      single,
      [
        {
          checkKey: "orders:c",
          passed: false,
          severity: "error",
          description: "the check returned an object: return an AssetCheckResult or true/false",
          metadata: {},
        },
      ],
    ],
  ])("reads %s", (_case, output, info, expected) => {
    expect(checkResults(output, info, ["orders:c"])).toEqual(expected);
  });

  it("matches a multiAssetCheck's results to its keys, failing the ones it left out", () => {
    const output = [AssetCheckResult({ passed: true, assetKey: "payments", checkName: "a", severity: "warn" })];
    expect(checkResults(output, multi, twoKeys)).toEqual([
      {
        checkKey: "orders:a",
        passed: false,
        severity: "error",
        description: "the check returned no result for orders:a",
        metadata: {},
      },
      { checkKey: "payments:a", passed: true, severity: "warn", metadata: {} },
    ]);
  });

  it("reads a generator's results", () => {
    function* results() {
      yield AssetCheckResult({ passed: true, assetKey: "orders" });
      yield AssetCheckResult({ passed: true, assetKey: "payments" });
    }
    expect(checkResults(results(), multi, twoKeys).map((result) => result.passed)).toEqual([true, true]);
  });

  it("fails every check when something else is yielded", () => {
    expect(checkResults([true], multi, twoKeys).map((result) => result.description)).toEqual([
      "the check yielded a boolean: yield AssetCheckResult({ passed, assetKey, checkName })",
      "the check yielded a boolean: yield AssetCheckResult({ passed, assetKey, checkName })",
    ]);
  });

  it.each([
    [
      "a check it does not declare",
      [AssetCheckResult({ passed: true, assetKey: "users" })],
      "multiAssetCheck returned a result for users, which it does not declare (it declares orders:a, payments:a).",
    ],
    [
      "an ambiguous result",
      [AssetCheckResult({ passed: true, checkName: "a" })],
      "multiAssetCheck returned a result for a that could be any of orders:a, payments:a: give it `assetKey` and `checkName`.",
    ],
    [
      "two results for one check",
      [AssetCheckResult({ passed: true, assetKey: "orders" }), AssetCheckResult({ passed: false, assetKey: "orders" })],
      "multiAssetCheck returned two results for orders:a: return one per check.",
    ],
  ])("throws for %s", (_case, output, message) => {
    expect(() => checkResults(output, multi, twoKeys)).toThrow(message);
  });

  it("collects an async generator in execute", async () => {
    const check = multiAssetCheck({ specs: [{ asset: "orders", name: "a" }] }, async function* () {
      yield AssetCheckResult({ passed: true });
    });
    const info = checkInfoOf(check);
    const output = await info.execute({}, {} as never);
    expect(checkResults(output, info, ["orders:a"])).toMatchObject([{ checkKey: "orders:a", passed: true }]);
  });

  it("refuses an AssetCheckResult without a boolean `passed`", () => {
    expect(() => AssetCheckResult({ passed: "yes" as never })).toThrow(
      "AssetCheckResult: `passed` must be true or false",
    );
  });
});
