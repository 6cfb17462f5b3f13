import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineApi, openFile, positionOf, waitFor, workspaceFile } from "./editor";

/** A blocking check that fails on the example's customers (two of three are Premium): it keeps their downstream back. */
const blockingFile = "src/blockingCheck.ts";
const blockingSource = `import { AssetCheckResult, assetCheck } from "assetline";
import { customers } from "./orders";

export const no_premium = assetCheck({ asset: customers, name: "no_premium", blocking: true }, async (table) => {
  const premium = (await table.rows()).filter((row) => row.segment === "Premium").length;
  return AssetCheckResult({ passed: premium === 0, description: \`\${premium} Premium customers\` });
});
`;
const checkKey = "customers:no_premium";
const blockedReason = "blocked by check no_premium on customers";

/** Materializes `selection` with the real runner (the command resolves when the run ends) and returns the run. */
async function materialize(selection: string): Promise<{ runId: string; status: string }> {
  const api = await assetlineApi();
  const before = api.lastRun()?.runId;
  await vscode.commands.executeCommand("assetline.materializeSelection", selection);
  const run = api.lastRun();
  assert.ok(run && run.runId !== before && run.status !== "running", `No run of ${selection} ended.`);
  return run;
}

/**
 * Gives the open document `text` and saves it: the language server reads an open document's text, not the disk, and
 * VS Code closes a document only minutes after its editor.
 */
async function saveText(uri: vscode.Uri, text: string): Promise<void> {
  const { document } = await vscode.window.showTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused to edit ${uri.fsPath}.`);
  // code-server's save can answer false once on a loaded machine (its local history's copy raced the write): the
  // text is still the document's, so saving it again is what a person would do.
  let saved = await document.save();
  if (!saved) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    saved = await document.save();
  }
  assert.ok(saved, `VS Code did not save ${uri.fsPath}.`);
}

/** Assetline's diagnostics of a severity in a file whose message mentions `text`. */
function runDiagnostics(uri: vscode.Uri, severity: vscode.DiagnosticSeverity, text: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.severity === severity && diagnostic.message.includes(text));
}

describe("A failing blocking check", () => {
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(blockingFile), new TextEncoder().encode(blockingSource));
  });

  // Later suites see the example as it was: no check, and (emptied first, as it stays open) no file.
  after(async () => {
    const uri = workspaceFile(blockingFile);
    await saveText(uri, "");
    await vscode.workspace.fs.delete(uri);
    const api = await assetlineApi();
    await waitFor("the Testing view to drop the removed check", () =>
      api.checkItems().some((item) => item.path.endsWith(checkKey)) ? undefined : true,
    );
  });

  it("fails its run, shows in the Testing view and the Problems panel at its line, and warns on the downstream", async () => {
    const { document: checkDocument } = await openFile(blockingFile);
    const orders = (await openFile("src/orders.ts")).document;
    const api = await assetlineApi();
    const checkLine = positionOf(checkDocument, "assetCheck({ asset: customers").line;
    await waitFor("the Testing view to list the blocking check", () =>
      api.checkItems().some((item) => item.path === `${blockingFile} › customers › ${checkKey}`) ? true : undefined,
    );

    const run = await materialize("key:customers+");
    assert.equal(run.status, "failed", "The blocking check's failure did not fail the run.");

    const state = await waitFor("the Testing view to show the check's result of the run", () => {
      const shown = api.checkStates()[checkKey];
      return shown?.runId === run.runId ? shown : undefined;
    });
    assert.equal(state.state, "failed");
    assert.equal(state.message, "failed: 2 Premium customers");
    const item = api.checkItems().find((listed) => listed.path.endsWith(checkKey));
    assert.equal(item?.line, checkLine, "The check's item is not at its definition.");

    const [error] = await waitFor("the check's error in the Problems panel", () => {
      const found = runDiagnostics(checkDocument.uri, vscode.DiagnosticSeverity.Error, run.runId);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(error?.message, `in run ${run.runId}: check no_premium on customers failed: 2 Premium customers`);
    assert.equal(error?.range.start.line, checkLine);

    const enrichedLine = positionOf(orders, "export const enriched_orders").line;
    const [warning] = runDiagnostics(orders.uri, vscode.DiagnosticSeverity.Warning, blockedReason);
    assert.equal(warning?.message, `not materialized in run ${run.runId}: ${blockedReason}`);
    assert.equal(warning?.range.start.line, enrichedLine);
  });

  it("clears the check's error when it next passes and the downstream's warning when that materializes", async () => {
    const checkUri = workspaceFile(blockingFile);
    const ordersUri = workspaceFile("src/orders.ts");
    await saveText(checkUri, blockingSource.replace("passed: premium === 0", "passed: premium < 3"));
    assert.equal(runDiagnostics(checkUri, vscode.DiagnosticSeverity.Error, "no_premium").length, 1);
    // With orders_raw, which enriched_orders reads: an earlier suite stored it, but this one does not count on that.
    const run = await materialize("key:orders_raw or key:customers+");
    assert.equal(run.status, "success", "The edited check still blocked the run.");
    assert.deepEqual(runDiagnostics(checkUri, vscode.DiagnosticSeverity.Error, "no_premium"), []);
    assert.deepEqual(runDiagnostics(ordersUri, vscode.DiagnosticSeverity.Warning, blockedReason), []);
  });
});
