import * as assert from "node:assert/strict";
import { openFile, positionOf, waitForLens } from "./editor";

describe("Code lenses", () => {
  it("shows ▶ Materialize and the state above every asset of a file", async () => {
    const { document } = await openFile("src/orders.ts");
    // The language server analyzes the workspace first; lenses may take a few seconds on a cold start.
    for (const asset of ["orders_raw", "customers", "enriched_orders", "revenue_by_segment"]) {
      const line = positionOf(document, `export const ${asset} `).line;
      const titles = await waitForLens(document.uri, line, /▶ Materialize/);
      assert.ok(
        titles.some((title) => /never materialized/.test(title)),
        `${asset} has not been materialized in this fresh workspace, yet its lenses read: ${titles.join(" | ")}`,
      );
    }
  });

  it("counts a job's assets and offers ▶ Run job above it", async () => {
    const { document } = await openFile("src/medallion.ts");
    const line = positionOf(document, "export const gold_revenue_job").line;
    const titles = await waitForLens(document.uri, line, /▶ Run job/);
    assert.deepEqual(titles, ["5 assets", "▶ Run job"]);
  });
});
