import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { assetlineApi, lensTitlesByLine, openFile, waitFor, workspaceFile } from "./editor";

const configFile = "src/configuredReport.ts";
/** A Standard Schema written by hand (the example installs no validator): `{ days: number }`, 7 by default. */
const configSource = `import { asset } from "assetline";

const reportConfig = {
  "~standard": {
    version: 1,
    vendor: "handmade",
    validate: (value: unknown) => ({ value: { days: 7, ...(value as object) } as { days: number } }),
    jsonSchema: { input: () => ({ type: "object", properties: { days: { type: "number", default: 7 } } }) },
  },
} as const;

export const configured_report = asset({ config: reportConfig }, (ctx) => ({ days: ctx.config.days }));
`;

const definitionsFile = workspaceFile("src/definitions.ts");
const encode = (text: string) => new TextEncoder().encode(text);

describe("Materialize with Config…", () => {
  let definitions: Uint8Array;
  before(async () => {
    await vscode.workspace.fs.writeFile(workspaceFile(configFile), encode(configSource));
    // The example lists its assets in its Definitions: the new asset joins them while the test runs.
    definitions = await vscode.workspace.fs.readFile(definitionsFile);
    const joined = `import { configured_report } from "./configuredReport";\n${new TextDecoder().decode(definitions)}`;
    await vscode.workspace.fs.writeFile(
      definitionsFile,
      encode(joined.replace("assets: [", "assets: [configured_report, ")),
    );
    await openFile(configFile);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.fs.writeFile(definitionsFile, definitions);
    await vscode.workspace.fs.delete(workspaceFile(configFile));
  });

  it("opens a run config with the asset's defaults and its schema, and runs it with --config", async () => {
    await vscode.commands.executeCommand("assetline.materializeWithConfig", "configured_report");
    const editor = await waitFor("the run config of configured_report to open", () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.fileName.endsWith("configured_report.run-config.json") ? active : undefined;
    });
    const config = JSON.parse(editor.document.getText());
    assert.deepEqual(config.configured_report, { days: 7 });
    assert.match(config.$schema, /^file:.*configured_report\.run-config\.schema\.json$/);
    const schema = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(config.$schema))),
    );
    assert.deepEqual(schema.properties.configured_report.properties.days, { type: "number", default: 7 });

    await waitFor("the lens Run with This Config at the top of the file", async () =>
      (await lensTitlesByLine(editor.document.uri)).get(0)?.includes("▶ Run with This Config") ? true : undefined,
    );

    const api = await assetlineApi();
    const before = api.lastRun()?.runId;
    await vscode.commands.executeCommand("assetline.runWithConfig", editor.document.uri);
    const run = await waitFor(
      "the run with this config to finish",
      () => {
        const last = api.lastRun();
        return last && last.runId !== before && last.status !== "running" ? last : undefined;
      },
      120_000,
    );
    assert.equal(run.status, "success");
  });
});
