import * as assert from "node:assert/strict";
import { copyExample } from "../workspace.mjs";
import { openWorkspace, type Session } from "./session";
import { editorLine, lensAbove, openFile, recordNotifications, waitForLensText } from "./workbench";

const fixture = "test/protocol/fixtures/partitioned";
const ordersLine = "export const daily_orders";

/** The QuickPick or input box on screen, and its input. */
const quickInput = (session: Session) => session.page.locator(".quick-input-widget");

describe("A person materializing partitions of daily_orders in VS Code", () => {
  let session: Session;
  let passed = true;

  before(async () => {
    const workspace = copyExample("partitioned", fixture);
    session = await openWorkspace("partitions", workspace, { removeOnPass: workspace.slice(0, -fixture.length) });
  });
  afterEach(function () {
    if (this.currentTest?.state !== "passed") passed = false;
  });
  after(async () => {
    await session?.close(passed);
  });

  const clickLens = async (title: string) =>
    (await lensAbove(session.page, ordersLine)).getByRole("button", { name: title, exact: true }).click();

  it("sees the five days missing in the lens, with Materialize partition… and Backfill missing", async () => {
    await openFile(session.page, "orders.ts");
    const text = await waitForLensText(session.page, ordersLine, /▦ 0\/5 · 5 missing/);
    assert.match(text, /▶ Materialize partition…/);
    assert.match(text, /▶ Backfill missing/);
    await session.screenshot("partitions-1-lens");
  });

  it("picks one day in the QuickPick; the progress counts it and the lens turns ▦ 1/5", async () => {
    const { page } = session;
    const toasts = await recordNotifications(page);
    await clickLens("▶ Materialize partition…");
    const pick = quickInput(session);
    await pick
      .locator(".quick-input-list .monaco-list-row", { hasText: "2026-03-01" })
      .first()
      .waitFor({ timeout: 30_000 });
    // Each day with its state; the shortcuts above them.
    assert.match(await pick.innerText(), /Latest[\s\S]*All missing[\s\S]*Range…[\s\S]*2026-03-01[\s\S]*missing/);
    await session.screenshot("partitions-2-quickpick");
    await pick.locator("input").fill("2026-03-03");
    await pick.locator(".quick-input-list .monaco-list-row", { hasText: "2026-03-03" }).first().waitFor();
    await page.keyboard.press("Enter");
    await waitForLensText(page, ordersLine, /▦ 1\/5 · 4 missing/);
    const seen = await toasts();
    assert.ok(
      seen.some((toast) => /daily_orders/.test(toast) && /1 partition/.test(toast)),
      `Expected a progress notification counting the partition; saw: ${JSON.stringify(seen)}`,
    );
  });

  it("hovers the asset and sees the health bar drawn as an image, with the day's range", async () => {
    const { page } = session;
    await editorLine(page, ordersLine).getByText("daily_orders", { exact: true }).first().hover();
    const hover = page.locator(".monaco-hover", { hasText: "Partitions" }).first();
    await hover.waitFor({ timeout: 30_000 });
    assert.match(await hover.innerText(), /1 materialized: 2026-03-03/);
    const bar = hover.locator('img[alt^="partition health"]');
    await bar.waitFor({ timeout: 10_000 });
    // VS Code renders the data image (its hover allows data: media): the bar's full width, a few pixels high.
    const box = (await bar.boundingBox())!;
    assert.ok(box.width >= 200 && box.height >= 8, `The bar is drawn ${box.width}×${box.height}`);
    await session.screenshot("partitions-3-hover");
    await page.keyboard.press("Escape");
  });

  it("types a range that is no partition and reads the error in the box", async () => {
    const { page } = session;
    await clickLens("▶ Materialize partition…");
    const pick = quickInput(session);
    // Typed and Enter, as for a day: the box for the range follows, filled with the whole range.
    await pick.locator("input").fill("Range");
    await pick.locator(".quick-input-list .monaco-list-row", { hasText: "Range…" }).first().waitFor();
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>(".quick-input-widget input")?.value === "2026-03-01...2026-03-05",
      undefined,
      { timeout: 10_000 },
    );
    await pick.locator("input").fill("2026-03-04...2026-03-09");
    const message = pick.locator(".quick-input-message");
    await message
      .getByText(/2026-03-09 is not one of this asset's partitions \(yyyy-MM-dd/)
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press("Escape");
  });

  it("clicks Backfill missing; every day is materialized and the action goes away", async () => {
    await clickLens("▶ Backfill missing");
    const text = await waitForLensText(session.page, ordersLine, /▦ 5\/5/);
    assert.doesNotMatch(text, /Backfill missing/);
    await session.screenshot("partitions-4-backfilled");
  });
});
