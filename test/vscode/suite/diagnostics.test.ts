import * as assert from "node:assert/strict";
import { assetlineErrors, openFile, replaceText, waitFor } from "./editor";

describe("Diagnostics", () => {
  it("reports a missing upstream asset while typing and clears it after the fix", async () => {
    const { document } = await openFile("src/orders.ts");
    const fix = await replaceText(
      document,
      `owners: ["team:analytics"] }`,
      `owners: ["team:analytics"], deps: ["no_such_asset"] }`,
    );
    const error = await waitFor(
      "a missing-upstream error for no_such_asset in src/orders.ts",
      () => assetlineErrors(document.uri, "no_such_asset")[0],
    );
    assert.equal(
      document.getText(error.range).includes("no_such_asset"),
      true,
      `The error should underline the key, not: ${document.getText(error.range)}`,
    );

    await fix();
    await waitFor("the error to clear after the fix", () =>
      assetlineErrors(document.uri, "no_such_asset").length === 0 ? true : undefined,
    );
  });

  it("reports the error in the file that refers to an asset when another file renames it", async () => {
    const pipeline = (await openFile("src/pipeline.ts")).document;
    const restorePipeline = await replaceText(
      pipeline,
      `{ group: "gold", io: "duckdb", ins: { gold_daily_revenue } }`,
      `{ group: "gold", io: "duckdb", ins: { gold_daily_revenue }, deps: ["warehouse/orders_audit"] }`,
    );
    const warehouse = (await openFile("src/warehouse.ts")).document;
    const fixWarehouse = await replaceText(warehouse, `key: "warehouse/orders_audit"`, `key: "warehouse/audit"`);
    await waitFor(
      "src/pipeline.ts to report warehouse/orders_audit as missing after src/warehouse.ts renamed it",
      () => assetlineErrors(pipeline.uri, "warehouse/orders_audit")[0],
    );

    await fixWarehouse();
    await waitFor("the error in src/pipeline.ts to clear once src/warehouse.ts is fixed", () =>
      assetlineErrors(pipeline.uri, "warehouse/orders_audit").length === 0 ? true : undefined,
    );
    await restorePipeline();
  });
});
