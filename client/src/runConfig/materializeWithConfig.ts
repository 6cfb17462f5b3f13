/**
 * `Assetline: Materialize with Config…` writes the asset's run config file (its defaults, schema beside it) in the
 * extension's storage and opens it; *Run with This Config* (editor title, lens at its top) materializes the keys it
 * configures with `--config FILE`, through the same runner as every other materialization.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import * as vscode from "vscode";
import { ConfigSchemaOutputSchema, readCliOutput } from "assetline/protocol";
import type { AssetActions } from "../actions";
import { runCliCommand } from "../run/cliProcess";
import { keySelection } from "../run/keySelection";
import { cliArgs, definitionsArgs } from "../run/materializeArgs";
import { warnProtocolMismatch } from "../run/protocolNotice";
import type { Runner } from "../run/runner";
import { readSettings } from "../settings";
import { ensureTrusted } from "../trust";
import {
  configuredKeys,
  RUN_CONFIG_SUFFIX,
  runConfigFileNames,
  runConfigSchema,
  runConfigText,
} from "./runConfigFiles";

const SCHEMA_COMMAND = "assetline config-schema --json";
export const RUN_WITH_CONFIG = "assetline.runWithConfig";

export class RunConfigs implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(
    /** `context.storageUri` (this workspace's), else the global storage when no folder is open. */
    private readonly storage: vscode.Uri,
    private readonly runner: Runner,
    private readonly actions: AssetActions,
  ) {
    const pattern = new vscode.RelativePattern(storage, `run-configs/*${RUN_CONFIG_SUFFIX}`);
    this.registration = vscode.languages.registerCodeLensProvider({ scheme: "file", pattern }, this);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: "▶ Run with This Config",
        command: RUN_WITH_CONFIG,
        arguments: [document.uri],
      }),
    ];
  }

  /** Writes the key's config file (kept when it exists: the user's last values) and its schema, then opens it. */
  async open(key: string): Promise<void> {
    const folder = this.actions.folderFor(key);
    // config-schema loads the workspace's code: Restricted Mode runs none of it.
    const cli = folder && ensureTrusted() ? this.runner.cliFor(folder) : undefined;
    if (!folder || !cli) return;
    const root = folder.uri.fsPath;
    const settings = readSettings(folder.uri);
    const args = cliArgs(cli.bin, root, "config-schema", [key, "--json", ...definitionsArgs(root, settings)], settings);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Assetline: reading the config of ${key}` },
      () => runCliCommand(args, root),
    );
    if (result.code !== 0) {
      const reason = result.stderr.trim().replace(/^assetline config-schema: /, "") || `exit code ${result.code}`;
      throw new Error(reason);
    }
    const read = readCliOutput(ConfigSchemaOutputSchema, result.stdout);
    if (!read.ok && "mismatch" in read) return warnProtocolMismatch(SCHEMA_COMMAND, root, cli.bin, read.mismatch.found);
    if (!read.ok) throw new Error(`\`${SCHEMA_COMMAND}\` printed output Assetline cannot read: ${read.error}`);
    const { jsonSchema, defaults } = read.value;
    const folderPath = join(this.storage.fsPath, "run-configs");
    const names = runConfigFileNames(key);
    const configPath = join(folderPath, names.config);
    const schemaPath = join(folderPath, names.schema);
    await mkdir(folderPath, { recursive: true });
    if (jsonSchema) await writeFile(schemaPath, `${JSON.stringify(runConfigSchema(key, jsonSchema), null, 2)}\n`);
    if (!existsSync(configPath)) {
      const schemaUri = jsonSchema ? vscode.Uri.file(schemaPath).toString() : undefined;
      await writeFile(configPath, runConfigText(key, defaults ?? {}, schemaUri));
    }
    await vscode.window.showTextDocument(vscode.Uri.file(configPath));
  }

  /** Saves the file (the CLI reads it from disk) and materializes exactly the assets it configures. */
  async run(uri: vscode.Uri): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    const keys = configuredKeys(document.getText());
    if (keys.length === 0) throw new Error(`${basename(uri.fsPath)} configures no asset: add one by its key.`);
    const title = `${keys.join(", ")} with ${basename(uri.fsPath)}`;
    await this.actions.materialize({ selection: keySelection("asset", keys), configFile: uri.fsPath }, title, keys[0]);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
