import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineApi, hoverText, openFile, positionOf, waitFor, waitForLens } from "./editor";

/** Runs an Assetline command and waits for the run it starts (with the real runner) to finish. */
async function runAndWait(command: string, key: string): Promise<{ runId: string; status: string }> {
  const api = await assetlineApi();
  const before = api.lastRun()?.runId;
  await vscode.commands.executeCommand(command, key);
  return waitFor(
    `the run started by ${command} ${key} to finish`,
    () => {
      const run = api.lastRun();
      return run && run.runId !== before && run.status !== "running" ? run : undefined;
    },
    120_000,
  );
}

describe("Materialize", () => {
  it("materializes an asset whose upstream is stored; its lens turns fresh and its hover names the run", async () => {
    const { document } = await openFile("src/orders.ts");
    assert.equal((await runAndWait("assetline.materializeWithUpstream", "enriched_orders")).status, "success");
    const run = await runAndWait("assetline.materialize", "revenue_by_segment");
    assert.equal(run.status, "success");
    const line = positionOf(document, "export const revenue_by_segment").line;
    await waitForLens(document.uri, line, /fresh/, 30_000);
    const name = positionOf(document, "export const revenue_by_segment", "export const ".length + 2);
    const hover = await waitFor(`the hover over revenue_by_segment to name run ${run.runId}`, async () => {
      const text = await hoverText(document.uri, name);
      return text.includes(run.runId) ? text : undefined;
    });
    // The warehouse counts the table's rows: two segments.
    assert.match(hover, /Table \*\*orders\.revenue_by_segment\*\* · 2 rows/);
  });

  it("shows the last materialization's metadata in the hover", async () => {
    const { document } = await openFile("src/pipeline.ts");
    assert.equal((await runAndWait("assetline.materializeWithUpstream", "sales_report")).status, "success");
    const name = positionOf(document, "export const sales_report", "export const ".length + 2);
    const text = await waitFor("the hover over sales_report to show its metadata", async () => {
      const hover = await hoverText(document.uri, name);
      return hover.includes("revenue_total") ? hover : undefined;
    });
    assert.match(text, /· 5 rows/);
    // The Markdown preview the engine draws: a table of the daily revenue.
    assert.match(text, /\|\s*date\s*\|/);
  });

  it("runs a job from its lens command; its assets' last materialization is that run", async () => {
    const { document } = await openFile("src/pipeline.ts");
    const run = await runAndWait("assetline.materializeJob", "gold_revenue");
    assert.equal(run.status, "success");
    const name = positionOf(document, "export const gold_daily_revenue", "export const ".length + 2);
    await waitFor(`the hover over gold_daily_revenue to name the job's run ${run.runId}`, async () =>
      (await hoverText(document.uri, name)).includes(run.runId) ? true : undefined,
    );
  });

  it("reads another store as soon as the store-folder setting changes, without a restart", async () => {
    const { document } = await openFile("src/orders.ts");
    const line = positionOf(document, "export const revenue_by_segment").line;
    await waitForLens(document.uri, line, /fresh/, 30_000);
    const settings = vscode.workspace.getConfiguration("assetline");
    await settings.update("storeFolder", ".assetline-other", vscode.ConfigurationTarget.Workspace);
    try {
      await waitForLens(document.uri, line, /never materialized/, 30_000);
    } finally {
      await settings.update("storeFolder", undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForLens(document.uri, line, /fresh/, 30_000);
  });
});
