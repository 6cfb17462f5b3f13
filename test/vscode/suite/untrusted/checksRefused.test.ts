import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { checkItemPaths, checksFile, checksSource } from "../checksFixture";
import { assetlineApi, openFile, waitFor, workspaceFile } from "../editor";

describe("Asset checks in an untrusted workspace", () => {
  it("lists the checks but runs none, reporting each as errored", async () => {
    assert.equal(vscode.workspace.isTrusted, false, "This suite needs the folder not trusted.");
    await vscode.workspace.fs.writeFile(workspaceFile(checksFile), new TextEncoder().encode(checksSource));
    await openFile(checksFile);
    const api = await assetlineApi();
    await waitFor("the Testing view to list the checks in Restricted Mode", () =>
      api.checkItems().length === checkItemPaths.length ? true : undefined,
    );
    // VS Code's own Run buttons ask for trust before calling any run profile; the lenses' command reports instead.
    await vscode.commands.executeCommand("assetline.runChecks", { assets: ["orders_raw", "customers"] });
    const states = await waitFor("every check to be reported", () => {
      const shown = api.checkStates();
      return Object.keys(shown).length === checkItemPaths.length ? shown : undefined;
    });
    for (const [key, { state, runId, message }] of Object.entries(states)) {
      assert.equal(state, "errored", `${key} should be errored in Restricted Mode`);
      assert.equal(runId, undefined, `${key} ran in Restricted Mode`);
      assert.equal(message, "Restricted Mode: checks run your workspace's code; trust the workspace to run them");
    }
    assert.equal(api.lastRun(), undefined, "A run started in an untrusted workspace.");
    await assert.rejects(
      Promise.resolve(vscode.workspace.fs.stat(workspaceFile(".assetline"))),
      "The untrusted workspace got a store folder.",
    );
  });
});
