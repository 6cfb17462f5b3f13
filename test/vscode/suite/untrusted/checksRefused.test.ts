import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { checksFile, checksSource, exampleItemPaths, fixtureItemPaths } from "../checksFixture";
import { assetlineApi, openFile, waitFor, workspaceFile } from "../editor";

describe("Asset checks in an untrusted workspace", () => {
  it("lists the checks but runs none, reporting each as errored", async () => {
    assert.equal(vscode.workspace.isTrusted, false, "This suite needs the folder not trusted.");
    await vscode.workspace.fs.writeFile(workspaceFile(checksFile), new TextEncoder().encode(checksSource));
    await openFile(checksFile);
    const api = await assetlineApi();
    const paths = [...exampleItemPaths, ...fixtureItemPaths];
    await waitFor("the Testing view to list the checks in Restricted Mode", () =>
      paths.every((path) => api.checkItems().some((item) => item.path === path)) ? true : undefined,
    );
    // VS Code's own Run buttons ask for trust before calling any run profile; the lenses' command reports instead.
    const assets = ["orders_raw", "customers"];
    await vscode.commands.executeCommand("assetline.runChecks", { assets });
    const keys = paths.map((path) => path.split(" › ")[2]!).filter((key) => assets.includes(key.split(":")[0]!));
    const states = await waitFor("each of their checks to be reported", () => {
      const shown = api.checkStates();
      return keys.every((key) => shown[key]) ? shown : undefined;
    });
    assert.deepEqual(Object.keys(states).sort(), keys.sort(), "Only the asked-for checks were reported.");
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
