import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import {
  checkedAssets,
  checksFile,
  checksSource,
  exampleItemPaths,
  expectedStates,
  fixtureItemPaths,
} from "./checksFixture";
import { assetlineApi, openFile, positionOf, waitFor, workspaceFile } from "./editor";

type States = Record<string, { state: string; runId: string | undefined; message?: string }>;

/** The checks' states once every check shows a result of a run other than those in `before`. */
async function statesAfter(what: string, keys: string[], before: States): Promise<States> {
  const api = await assetlineApi();
  return waitFor(
    what,
    () => {
      const states = api.checkStates();
      const fresh = keys.every((key) => states[key]?.runId && states[key]?.runId !== before[key]?.runId);
      return fresh ? states : undefined;
    },
    120_000,
  );
}

const stateOf = (states: States, keys: string[]) => Object.fromEntries(keys.map((key) => [key, states[key]?.state]));
const expectedOf = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, expectedStates[key]]));
const allKeys = Object.keys(expectedStates);

describe("Asset checks in the Testing view", () => {
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(checksFile), new TextEncoder().encode(checksSource));
  });

  it("lists file → asset → check, each placed at its definition", async () => {
    const { document } = await openFile(checksFile);
    const api = await assetlineApi();
    const paths = [...exampleItemPaths, ...fixtureItemPaths];
    const items = await waitFor("the Testing view to list the example's checks and the new file's", () => {
      const listed = api.checkItems();
      return paths.every((path) => listed.some((item) => item.path === path)) ? listed : undefined;
    });
    assert.deepEqual(items.map((item) => item.path).sort(), paths.sort());
    // In definition order within a file, and each check's gutter button on the line of its definition.
    const written = items.filter((item) => item.path.startsWith(checksFile));
    assert.deepEqual(
      written.map((item) => item.path),
      fixtureItemPaths,
    );
    const lines = [
      "assetCheck({ asset: orders_raw",
      "assetCheck({ asset: customers }, async (table) => {\n  const",
      "assetCheck({ asset: customers }, async (table) => {\n  if",
    ];
    assert.deepEqual(
      written.map((item) => item.line),
      lines.map((text) => positionOf(document, text).line),
    );
  });

  it("shows the checks a materialization ran as their last results, from the store", async () => {
    const api = await assetlineApi();
    const before = api.checkStates();
    const lastRunId = api.lastRun()?.runId;
    await vscode.commands.executeCommand(
      "assetline.materializeSelection",
      checkedAssets.map((key) => `key:${key}`).join(" or "),
    );
    const run = await waitFor(`the materialization of ${checkedAssets.join(", ")} to finish`, () => {
      const last = api.lastRun();
      return last && last.runId !== lastRunId && last.status !== "running" ? last : undefined;
    });
    // No check blocks on failing here: the run succeeds, and the results show on the checks.
    assert.equal(run.status, "success");
    const states = await statesAfter("the store's results of the checks the run ran", allKeys, before);
    assert.deepEqual(stateOf(states, allKeys), expectedStates);
    for (const key of allKeys) assert.equal(states[key]?.runId, run.runId, `${key} shows another run's result`);
    assert.match(
      states["customers:premium_majority"]?.message ?? "",
      /^failed: 2 of 3 customers are Premium\npremium: 2/,
    );
    assert.match(states["customers:has_region"]?.message ?? "", /customers have no region column/);
  });

  it("runs every check from the Testing view's Run All, with check-assets", async () => {
    const api = await assetlineApi();
    const before = api.checkStates();
    await vscode.commands.executeCommand("testing.runAll");
    const states = await statesAfter("a result of each check from Run All", allKeys, before);
    assert.deepEqual(stateOf(states, allKeys), expectedStates);
    assert.equal(new Set(allKeys.map((key) => states[key]?.runId)).size, 1, "Run All ran the checks in one run.");
  });

  it("runs one check from its lens's command, and the current file's checks from the palette", async () => {
    const api = await assetlineApi();
    const before = api.checkStates();
    await vscode.commands.executeCommand("assetline.runChecks", { checks: ["orders_raw:unique_order_id"] });
    const one = api.checkStates();
    assert.equal(one["orders_raw:unique_order_id"]?.state, "passed");
    assert.notEqual(one["orders_raw:unique_order_id"]?.runId, before["orders_raw:unique_order_id"]?.runId);
    assert.equal(one["customers:has_region"]?.runId, before["customers:has_region"]?.runId, "Only the one check ran.");

    // From the palette: the checks written in the file (it defines no asset of its own).
    await openFile(checksFile);
    await vscode.commands.executeCommand("assetline.runChecks");
    const fileKeys = fixtureItemPaths.map((path) => path.split(" › ")[2]!);
    const file = await statesAfter("a result of each check in the file", fileKeys, one);
    assert.deepEqual(stateOf(file, fileKeys), expectedOf(fileKeys));
    assert.equal(file["orders_raw:unique_order_id"]?.runId, one["orders_raw:unique_order_id"]?.runId);
  });
});

describe("Cancelling a check run", () => {
  const slowFile = "src/slowCheck.ts";
  after(async () => {
    await vscode.workspace.fs.delete(workspaceFile(slowFile));
  });

  it("stops the CLI and reports the check skipped", async () => {
    const slow = `import { assetCheck } from "assetline";
import { orders_raw } from "./orders";

export const slow_check = assetCheck({ asset: orders_raw }, async () => {
  await new Promise((resolve) => setTimeout(resolve, 120_000));
  return true;
});
`;
    await vscode.workspace.fs.writeFile(workspaceFile(slowFile), new TextEncoder().encode(slow));
    await openFile(slowFile);
    const api = await assetlineApi();
    await waitFor("the slow check to be listed", () =>
      api.checkItems().some((item) => item.path.endsWith("orders_raw:slow_check")) ? true : undefined,
    );
    const started = Date.now();
    const run = vscode.commands.executeCommand("assetline.runChecks", { checks: ["orders_raw:slow_check"] });
    await waitFor("the CLI to start the slow check", () =>
      api.checkStates()["orders_raw:slow_check"]?.state === "running" ? true : undefined,
    );
    await vscode.commands.executeCommand("testing.cancelRun");
    await run;
    assert.equal(api.checkStates()["orders_raw:slow_check"]?.state, "skipped");
    assert.ok(Date.now() - started < 60_000, "The run went on after it was cancelled.");
  });
});
