import { describe, expect, it } from "vitest";
import { checkAssetsArgs } from "../../../client/src/checks/checkAssetsArgs";

const defaults = { concurrency: 0, storeFolder: ".assetline", definitionsFile: "" };

describe("check-assets arguments", () => {
  it.each<[string, string[], typeof defaults, string[]]>([
    [
      "asks for JSON events from an editor run of each check, with the workspace last",
      ["orders:unique_order_id", "orders:row_count"],
      defaults,
      ["--check", "orders:unique_order_id", "--check", "orders:row_count", "/ws"],
    ],
    [
      "passes concurrency, the definitions file and a moved store as a materialization does",
      ["orders:row_count"],
      { concurrency: 2, storeFolder: "data/store", definitionsFile: "src/definitions.ts" },
      [
        "--check",
        "orders:row_count",
        "--concurrency",
        "2",
        "--definitions",
        "/ws/src/definitions.ts",
        "--store",
        "/ws/data/store",
        "/ws",
      ],
    ],
  ])("%s", (_, keys, settings, rest) => {
    expect(checkAssetsArgs("/ws/bin.js", "/ws", keys, settings)).toEqual([
      "/ws/bin.js",
      "check-assets",
      "--json",
      "--origin",
      "editor",
      ...rest,
    ]);
  });

  it("refuses a concurrency that is not a whole number, naming the setting", () => {
    expect(() => checkAssetsArgs("/ws/bin.js", "/ws", ["a:b"], { ...defaults, concurrency: 1.5 })).toThrow(
      /assetline\.concurrency/,
    );
  });
});
