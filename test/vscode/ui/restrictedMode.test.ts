import * as assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { exampleForSuite } from "./session";
import { editorLine, openFile, recordNotifications, runCommand, waitForLensText } from "./workbench";

const revenueLine = "export const revenue_by_segment";

describe("A person who does not trust the workspace", () => {
  const example = exampleForSuite("restricted", () => undefined, { trusted: false });

  it("opens the folder in Restricted Mode and sees why the lens offers no run", async () => {
    const { page } = example.session;
    await page.locator(".statusbar-item", { hasText: "Restricted Mode" }).first().waitFor({ timeout: 60_000 });
    await openFile(page, "orders.ts");
    const text = await waitForLensText(page, revenueLine, /not trusted/);
    assert.doesNotMatch(text, /▶ Materialize\b(?! disabled)/);
  });

  it("runs Materialize from the palette and is told that Restricted Mode runs nothing", async () => {
    const { page } = example.session;
    await editorLine(page, revenueLine).getByText("revenue_by_segment", { exact: true }).first().click();
    const seenToasts = await recordNotifications(page);
    await runCommand(page, "Assetline: Materialize");
    const toast = page.locator(".notification-toast", { hasText: "Restricted Mode" }).first();
    await toast.waitFor({ timeout: 30_000 });
    const text = await toast.innerText();
    assert.match(text, /does not materialize assets in Restricted Mode/);
    assert.match(text, /Manage Workspace Trust/, "The warning should offer the way out.");
    assert.ok(
      !(await seenToasts()).some((text) => /Cancel/.test(text)),
      "A run's progress notification appeared in Restricted Mode.",
    );
    await example.session.screenshot("5-restricted");
  });

  it("runs Start Automation and is told why no daemon starts, and none does", async () => {
    const { page, workspace } = example.session;
    await runCommand(page, "Assetline: Start Automation");
    const toast = page.locator(".notification-toast", { hasText: "start automation" }).first();
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), /does not start automation in Restricted Mode/);
    assert.ok(await page.locator(".statusbar-item", { hasText: "Automation off" }).first().isVisible());
    assert.ok(!existsSync(join(workspace, ".assetline", "daemon.log")), "A daemon was started in Restricted Mode.");
  });
});
