import * as assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { checksFile, checksSource } from "../suite/checksFixture";
import { repoRoot } from "../tools.mjs";
import { assetlineCli, exampleForSuite } from "./session";
import { editorLine, openFile, runCommand, waitForLensText } from "./workbench";

interface Row {
  /** The labels from the file down to this item: `src/orders.ts › orders_raw › unique_order_id`. */
  path: string;
  /** What the view writes after the label: the item's description and the result's duration. */
  description: string;
  /** The result icon's state: passed, failed, errored, skipped, unset, queued, running. */
  state: string;
}

/** Expands every item of the Test Explorer and reads its rows: path of labels, description and result icon. */
async function explorerRows(page: Page): Promise<Row[]> {
  const collapsed = page.locator('.test-explorer .monaco-list-row[aria-expanded="false"] .monaco-tl-twistie');
  for (let round = 0; round < 30 && (await collapsed.count()) > 0; round++) {
    await collapsed.first().click();
    await page.waitForTimeout(100);
  }
  // One read of the drawn rows, so a poll sees one consistent tree.
  const drawn = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".test-explorer .monaco-list-row")].map((row) => {
      const label = row.querySelector(".label");
      return {
        level: Number(row.getAttribute("aria-level")),
        name: label?.firstChild?.textContent ?? "",
        description: label?.querySelector(".test-label-description")?.textContent ?? "",
        icon: row.querySelector(".computed-state")?.className ?? "",
      };
    }),
  );
  const ancestors: string[] = [];
  return drawn.map(({ level, name, description, icon }) => {
    ancestors.splice(level - 1, ancestors.length, name);
    return { path: ancestors.join(" › "), description, state: /codicon-testing-(\w+)-icon/.exec(icon)?.[1] ?? icon };
  });
}

/** Waits until the rows' result icons read as `expected` (path → state), in any order; returns the rows. */
async function waitForRows(page: Page, expected: Record<string, string>, timeoutMs = 60_000): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  const wanted = JSON.stringify(Object.entries(expected).sort());
  let rows: Row[] = [];
  while (Date.now() < deadline) {
    rows = await explorerRows(page);
    if (JSON.stringify(rows.map((row) => [row.path, row.state]).sort()) === wanted) return rows;
    await page.waitForTimeout(500);
  }
  throw new Error(`The Test Explorer never read ${wanted}; it read ${JSON.stringify(rows)}`);
}

/** The tree as the store's results leave it: the example's checks pass, the written file's fail and throw. */
const storedRows: Record<string, string> = {
  "src/orders.ts": "passed",
  "src/orders.ts › orders_raw": "passed",
  "src/orders.ts › orders_raw › unique_order_id": "passed",
  "src/orders.ts › orders_raw › not_null_customer_id": "passed",
  "src/checks.ts": "passed",
  "src/checks.ts › enriched_orders": "passed",
  "src/checks.ts › enriched_orders › orders_have_customers": "passed",
  "src/checks.ts › revenue_by_segment": "passed",
  "src/checks.ts › revenue_by_segment › row_count": "passed",
  "src/checks.ts › bronze_orders": "passed",
  "src/checks.ts › bronze_orders › orders_per_day": "passed",
  "src/checks.ts › silver_orders_enriched": "passed",
  "src/checks.ts › silver_orders_enriched › non_negative_totals": "passed",
  "src/checks.ts › sales_report": "passed",
  "src/checks.ts › sales_report › counts_every_order": "passed",
  "src/pipeline.ts": "passed",
  "src/pipeline.ts › bronze_orders": "passed",
  "src/pipeline.ts › bronze_orders › unique_order_id": "passed",
  "src/orderChecks.ts": "failed",
  "src/orderChecks.ts › orders_raw": "passed",
  "src/orderChecks.ts › orders_raw › positive_amounts": "passed",
  "src/orderChecks.ts › customers": "failed",
  "src/orderChecks.ts › customers › premium_majority": "failed",
  "src/orderChecks.ts › customers › has_region": "failed",
};

describe("A person looking at asset checks in the Testing view", () => {
  // Every asset is stored, and storing them ran their checks: the store holds a result of each.
  const example = exampleForSuite("testing", (workspace) => {
    writeFileSync(join(workspace, checksFile), checksSource);
    assetlineCli(workspace, ["materialize"]);
  });
  let shot = "";

  it("opens the Testing view and sees each check under its file and asset with its last result", async () => {
    const { page } = example.session;
    await openFile(page, "orderChecks.ts");
    // The Testing view's commands come with the first test controller: once the lenses are drawn, it is there.
    await waitForLensText(page, "export const has_region", /Run check/);
    await runCommand(page, "Testing: Focus on Test Explorer View");
    const rows = await waitForRows(page, storedRows);
    // Beside a check's name: whether it blocks, and its description.
    const description = (path: string) => rows.find((row) => row.path === path)?.description ?? "";
    assert.match(description("src/orders.ts › orders_raw › unique_order_id"), /^blocking\b/);
    assert.match(description("src/orderChecks.ts › orders_raw › positive_amounts"), /^Amounts are positive\b/);
    // A thrown check's message shows on the line that threw.
    const widget = page.locator(".test-error-content-widget", { hasText: "customers have no region column" }).first();
    await widget.waitFor();
    const [widgetBox, lineBox] = [await widget.boundingBox(), await editorLine(page, "throw new Error").boundingBox()];
    assert.ok(widgetBox && lineBox, "The failure message or the line that threw is not drawn.");
    assert.ok(Math.abs(widgetBox.y - lineBox.y) < lineBox.height, "The failure message is not on the line that threw.");
    // The lens above the check says the same (for the picture, which shows both).
    await waitForLensText(page, "export const has_region", /failed: customers have no region column/);
    shot = await example.session.screenshot("testing-view");
  });

  it("fixes a check, runs its asset's checks from the view, and sees the icons follow", async () => {
    const { page, workspace } = example.session;
    // The run bundles the file as it is on disk.
    const file = join(workspace, checksFile);
    writeFileSync(file, readFileSync(file, "utf8").replace("premium * 2 < rows.length", "premium * 2 > rows.length"));
    const customers = page.locator('.test-explorer .monaco-list-row[aria-level="2"]', { hasText: "customers" }).first();
    await customers.hover();
    await customers.getByRole("button", { name: "Run Test" }).click();
    await waitForRows(page, { ...storedRows, "src/orderChecks.ts › customers › premium_majority": "passed" });
    await example.session.screenshot("testing-view-run");
  });

  after(() => {
    // The README's picture of the Testing view; refreshed on request so test runs leave images/ alone.
    if (example.passed && shot && process.env.ASSETLINE_UPDATE_SCREENSHOTS === "1")
      copyFileSync(shot, join(repoRoot, "images/testing-view.png"));
  });
});
