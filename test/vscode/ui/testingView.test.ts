import * as assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { checksFile, checksSource } from "../suite/checksFixture";
import { repoRoot } from "../tools.mjs";
import { assetlineCli, exampleForSuite } from "./session";
import { editorLine, openFile, runCommand, waitForLensText } from "./workbench";

interface Row {
  label: string;
  /** What the view writes after the label: the item's description and the result's duration. */
  description: string;
  level: number;
  /** The result icon's state: passed, failed, errored, skipped, unset, queued, running. */
  state: string;
}

/** Expands every item of the Test Explorer and reads its rows: label (with description), depth and result icon. */
async function explorerRows(page: Page): Promise<Row[]> {
  const rows = page.locator(".test-explorer .monaco-list-row");
  for (let round = 0; round < 5; round++) {
    const collapsed = page.locator('.test-explorer .monaco-list-row[aria-expanded="false"] .monaco-tl-twistie');
    if ((await collapsed.count()) === 0) break;
    await collapsed.first().click();
    await page.waitForTimeout(200);
  }
  const read: Row[] = [];
  for (let index = 0; index < (await rows.count()); index++) {
    const row = rows.nth(index);
    const icon = (await row.locator(".computed-state").getAttribute("class")) ?? "";
    const label = row.locator(".label");
    read.push({
      label: await label.evaluate((element) => element.firstChild?.textContent ?? ""),
      description: await label.locator(".test-label-description").innerText(),
      level: Number(await row.getAttribute("aria-level")),
      state: /codicon-testing-(\w+)-icon/.exec(icon)?.[1] ?? icon,
    });
  }
  return read;
}

/** Waits until the rows read as `expected` (label → depth and state), in any order; returns the rows. */
async function waitForRows(page: Page, expected: Record<string, [number, string]>, timeoutMs = 60_000): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: Row[] = [];
  while (Date.now() < deadline) {
    rows = await explorerRows(page);
    const seen = Object.fromEntries(
      Object.keys(expected).map((name) => {
        const row = rows.find((candidate) => candidate.label === name);
        return [name, row && [row.level, row.state]];
      }),
    );
    if (rows.length === Object.keys(expected).length && JSON.stringify(seen) === JSON.stringify(expected)) return rows;
    await page.waitForTimeout(500);
  }
  throw new Error(`The Test Explorer never read ${JSON.stringify(expected)}; it read ${JSON.stringify(rows)}`);
}

/** The tree as the store's results leave it: each row's depth and result icon. */
const storedRows: Record<string, [number, string]> = {
  "src/orderChecks.ts": [1, "failed"],
  orders_raw: [2, "passed"],
  unique_order_id: [3, "passed"],
  positive_amounts: [3, "passed"],
  customers: [2, "failed"],
  premium_majority: [3, "failed"],
  has_region: [3, "failed"],
};

describe("A person looking at asset checks in the Testing view", () => {
  // The checks' assets are stored, and storing them ran their checks: the store holds a result of each.
  const example = exampleForSuite("testing", (workspace) => {
    writeFileSync(join(workspace, checksFile), checksSource);
    assetlineCli(workspace, ["materialize", "orders_raw", "customers"]);
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
    const description = (label: string) => rows.find((row) => row.label === label)?.description ?? "";
    assert.match(description("unique_order_id"), /^blocking\b/);
    assert.match(description("positive_amounts"), /^Amounts are positive\b/);
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
    const file = join(workspace, checksFile);
    // The run bundles the file as it is on disk.
    writeFileSync(file, readFileSync(file, "utf8").replace("premium * 2 < rows.length", "premium * 2 > rows.length"));
    const customers = page.locator(".test-explorer .monaco-list-row", { hasText: "customers" }).first();
    await customers.hover();
    await customers.getByRole("button", { name: "Run Test" }).click();
    await waitForRows(page, { ...storedRows, premium_majority: [3, "passed"] });
    await example.session.screenshot("testing-view-run");
  });

  after(() => {
    // The README's picture of the Testing view; refreshed on request so test runs leave images/ alone.
    if (example.passed && shot && process.env.ASSETLINE_UPDATE_SCREENSHOTS === "1")
      copyFileSync(shot, join(repoRoot, "images/testing-view.png"));
  });
});
