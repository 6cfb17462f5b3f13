import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as vscode from "vscode";
import { extensionId, waitFor, workspaceFile } from "./editor";

/**
 * The warehouse as the DuckDB IO manager lays it out (a schema per group, the table by its key), written by a
 * separate node as a run's process would, with the repository's `@duckdb/node-api`. It replaces the example's own
 * customers view (an earlier suite may have materialized it) by a table of 150 rows.
 */
function writeWarehouse(file: string): void {
  const script = `const { DuckDBInstance } = require("@duckdb/node-api");
(async () => {
  const instance = await DuckDBInstance.create(${JSON.stringify(file)});
  const connection = await instance.connect();
  await connection.run("create schema if not exists orders; drop view if exists orders.customers; create or replace table orders.customers as select i as customer_id, 'city|' || i as city from range(150) t(i)");
  connection.closeSync();
  instance.closeSync();
})();`;
  const repository = vscode.extensions.getExtension(extensionId)!.extensionPath;
  execFileSync("node", ["-e", script], { cwd: repository });
}

describe("Preview Table", () => {
  before(async () => {
    await vscode.workspace.fs.createDirectory(workspaceFile(".assetline"));
    writeWarehouse(workspaceFile(".assetline/warehouse.duckdb").fsPath);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.fs.delete(workspaceFile(".assetline/warehouse.duckdb"));
  });

  it("opens the first 100 rows of a table asset as a read-only Markdown document", async () => {
    await vscode.commands.executeCommand("assetline.previewTable", "customers");
    const document = await waitFor("the preview of customers to open", () =>
      vscode.workspace.textDocuments.find((open) => open.uri.scheme === "assetline-table"),
    );
    const lines = document.getText().split("\n");
    assert.deepEqual(lines.slice(0, 5), [
      "# customers",
      "",
      "2 columns, the first 100 rows.",
      "",
      "| customer_id | city |",
    ]);
    assert.equal(lines[7], "| 1 | city\\|1 |");
    // The header, its rule, and 100 rows: the query asked for 101 to know there are more.
    assert.equal(lines.filter((line) => line.startsWith("| ")).length, 2 + 100);
  });
});
