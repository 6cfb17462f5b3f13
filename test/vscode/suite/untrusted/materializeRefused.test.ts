import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineApi, openFile, positionOf, waitForLens, workspaceFile } from "../editor";

describe("Untrusted workspace", () => {
  it("keeps analyzing but refuses to materialize, and says why", async () => {
    assert.equal(
      vscode.workspace.isTrusted,
      false,
      "This suite needs a launch with Workspace Trust on and the folder not trusted.",
    );
    const { document } = await openFile("src/orders.ts");
    const api = await assetlineApi();
    const line = positionOf(document, "export const revenue_by_segment").line;
    // The lens says why instead of offering to run.
    const titles = await waitForLens(document.uri, line, /not trusted|restricted/i);
    assert.ok(
      !titles.some((title) => /▶ Materialize/.test(title)),
      `No run should be offered, yet the lenses read: ${titles.join(" | ")}`,
    );

    await vscode.commands.executeCommand("assetline.materialize", "revenue_by_segment");
    // The partition commands refuse the same way, before the CLI lists any partition (they resolve without a pick).
    await vscode.commands.executeCommand("assetline.materializePartitions", "bronze_orders");
    await vscode.commands.executeCommand("assetline.backfillMissing", "bronze_orders");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(api.lastRun(), undefined, "A run started in an untrusted workspace.");
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.stat(workspaceFile(".assetline"))),
      "The untrusted workspace got a store folder.",
    );
  });
});
