/**
 * A person turning automation on in VS Code: *Assetline: Start Automation* starts the workspace's `assetline dev`,
 * the status bar says so, and materializing `raw` by its lens makes the eager `clean` run on its own: its lens turns
 * fresh without a click. *Stop Automation* stops the daemon again.
 */
import * as assert from "node:assert/strict";
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { copyExample } from "../workspace.mjs";
import { openWorkspace, type Session } from "./session";
import { lensAbove, openFile, runCommand, waitForLensText } from "./workbench";

const rawLine = "export const raw";
const cleanLine = "export const clean";

describe("A person letting automation run an eager asset", () => {
  let session: Session;
  let workspace: string;
  let passed = true;

  before(async () => {
    // Under the system's temporary folder: the daemon's socket path must stay within a Unix socket's 103 bytes.
    workspace = copyExample("automation", "test/vscode/ui/automationFixture", realpathSync(tmpdir()));
    // The copy sits at <fresh folder>/test/vscode/ui/automationFixture.
    session = await openWorkspace("automation", workspace, { removeOnPass: resolve(workspace, "../../../..") });
  });

  afterEach(function () {
    if (this.currentTest?.state !== "passed") passed = false;
  });

  after(async () => {
    // The daemon is detached from the editor, as one started in a terminal: a failed test must not leave it running.
    const info = join(workspace, ".assetline", "daemon.json");
    if (existsSync(info)) process.kill((JSON.parse(readFileSync(info, "utf8")) as { pid: number }).pid, "SIGTERM");
    await session?.close(passed);
  });

  const statusItem = (text: string) => session.page.locator(".statusbar-item", { hasText: text }).first();

  it("sees Automation off, runs Start Automation and sees Automation on", async () => {
    const { page } = session;
    await openFile(page, "assets.ts");
    await waitForLensText(page, cleanLine, /never materialized/, 120_000);
    await statusItem("Automation off").waitFor({ timeout: 60_000 });
    await runCommand(page, "Assetline: Start Automation");
    await statusItem("Automation on").waitFor({ timeout: 60_000 });
    assert.ok(existsSync(join(workspace, ".assetline", "daemon.log")), "The daemon's output goes to daemon.log.");
  });

  it("materializes raw by its lens, and clean's lens turns fresh on its own", async () => {
    const { page } = session;
    await (await lensAbove(page, rawLine)).getByRole("button", { name: "▶ Materialize", exact: true }).click();
    await waitForLensText(page, rawLine, /● fresh/);
    // Nobody clicks clean: the daemon's next automation tick sees raw updated and runs it.
    const text = await waitForLensText(page, cleanLine, /● fresh/, 120_000);
    assert.match(text, /▶ Materialize/);
    await session.screenshot("automation-eager");
  });

  it("runs Stop Automation and sees Automation off", async () => {
    const { page } = session;
    await runCommand(page, "Assetline: Stop Automation");
    await statusItem("Automation off").waitFor({ timeout: 60_000 });
    assert.ok(!existsSync(join(workspace, ".assetline", "daemon.json")), "The daemon removed its info file.");
  });
});
