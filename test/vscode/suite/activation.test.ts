import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AssetlineApi } from "../../../client/src/api";
import { extensionId, openFile, waitFor } from "./editor";

describe("Activation", () => {
  it("activates when an asset file is open and hands tests its API", async () => {
    await openFile("src/orders.ts");
    const extension = vscode.extensions.getExtension<AssetlineApi>(extensionId);
    assert.ok(extension, `${extensionId} is not installed in the extension host.`);
    await waitFor(
      "the extension to activate after opening src/orders.ts",
      () => extension.isActive || undefined,
      30_000,
    );
    assert.equal(typeof extension.exports.lineageRendered, "function");
    assert.equal(extension.exports.lastRun(), undefined, "No run has been started in this fresh workspace.");
  });
});
