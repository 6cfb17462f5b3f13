import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineApi, openFile, within } from "./editor";

/** The example's assets (a multi-asset counts once per spec) and its data and ordering edges. */
const exampleNodes = 22;
const exampleEdges = 13;

describe("Lineage", () => {
  it("opens the lineage panel and its webview draws every asset of the example", async () => {
    await openFile("src/orders.ts");
    const api = await assetlineApi();
    await vscode.commands.executeCommand("assetline.showLineage");
    const rendered = await within("the lineage webview to report what it drew", api.lineageRendered());
    assert.deepEqual(rendered, { nodes: exampleNodes, edges: exampleEdges });
  });
});
