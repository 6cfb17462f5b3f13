/** Every `assetline.*` command. Key commands take an asset key, or use the asset at the cursor. */
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import type { AssetActions } from "./actions";
import type { ChecksController } from "./checks/checksController";
import type { LineagePanel } from "./lineage/panel";
import { runCliCommand } from "./run/cliProcess";
import type { RunConfigs } from "./runConfig/materializeWithConfig";
import { keySelection, type KeyMode } from "./run/keySelection";
import { cliArgs } from "./run/materializeArgs";
import type { Runner } from "./run/runner";
import { pickPartitions } from "./partitions/partitionPicker";
import { showRuns } from "./runsPicker";
import { assetAtCursor } from "./server/assetAt";
import type { GraphCache } from "./server/graphCache";
import { readSettings } from "./settings";
import type { TablePreviews } from "./tables/previewTable";
import { ensureTrusted } from "./trust";

export interface CommandDeps {
  client: LanguageClient;
  graph: GraphCache;
  runner: Runner;
  actions: AssetActions;
  lineage: LineagePanel;
  checks: ChecksController;
  tables: TablePreviews;
  runConfigs: RunConfigs;
  output: vscode.OutputChannel;
}

/** Menus pass the editor's URI as the first argument; only a string is a key. */
async function keyOrCursor(client: LanguageClient, arg: unknown): Promise<string | undefined> {
  if (typeof arg === "string" && arg !== "") return arg;
  return assetAtCursor(client, vscode.window.activeTextEditor);
}

/** The palette's Run Job: the workspace's jobs with their selections. */
async function pickJob(graph: GraphCache): Promise<string | undefined> {
  const jobs = graph.graph?.graph.jobs ?? [];
  if (jobs.length === 0) {
    void vscode.window.showInformationMessage(
      "Assetline: the workspace defines no job. Define one with defineAssetJob({ name, selection }).",
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    jobs.map((job) => ({ label: job.name, description: job.selection })),
    { title: "Run a job", placeHolder: "Which job?" },
  );
  return picked?.label;
}

/** The palette's Materialize with Config… away from any asset: the workspace's assets (config is known on loading). */
async function pickAsset(graph: GraphCache, title: string): Promise<string | undefined> {
  const nodes = (graph.graph?.graph.nodes ?? []).filter((node) => node.kind !== "external");
  const picked = await vscode.window.showQuickPick(
    nodes.map((node) => ({ label: node.key, description: node.group })),
    { title, placeHolder: "Which asset?" },
  );
  return picked?.label;
}

/** A lens over a multi-asset's specs named on one line passes all their keys, which run as one step. */
function isKeyList(arg: unknown): arg is string[] {
  return Array.isArray(arg) && arg.length > 0 && arg.every((key) => typeof key === "string" && key !== "");
}

async function requireKey(client: LanguageClient, arg: unknown): Promise<string | undefined> {
  const key = await keyOrCursor(client, arg);
  if (key === undefined) {
    void vscode.window.showInformationMessage(
      "Assetline: put the cursor on an asset's name or on a reference to it, then run the command again.",
    );
  }
  return key;
}

export function registerCommands({
  client,
  graph,
  runner,
  actions,
  lineage,
  checks,
  tables,
  runConfigs,
  output,
}: CommandDeps): vscode.Disposable[] {
  const materializeKey = (mode: KeyMode) => async (arg: unknown) => {
    const keys = isKeyList(arg) ? arg : [await requireKey(client, arg)].filter((key) => key !== undefined);
    if (keys.length === 0) return;
    const selection = keySelection(mode, keys);
    await actions.materialize({ selection }, selection, keys[0]);
  };

  /** The asset (or a multi-asset's specs sharing a line) a partition command runs, and the folder and CLI it runs in. */
  const partitionedTarget = async (arg: unknown) => {
    const keys = isKeyList(arg) ? arg : [await requireKey(client, arg)].filter((key) => key !== undefined);
    const folder = actions.folderFor(keys[0]);
    // Refused before the CLI reads anything, as every run command is in Restricted Mode.
    if (keys.length === 0 || !folder || !ensureTrusted()) return undefined;
    const node = graph.node(keys[0]!, folder.uri.fsPath);
    if (node && !node.partitions) {
      void vscode.window.showInformationMessage(
        `Assetline: ${keys[0]} is not partitioned; give it a partitionsDef to materialize it by partition, or use Materialize.`,
      );
      return undefined;
    }
    return { keys, folder, definition: node?.partitions, selection: keySelection("asset", keys) };
  };

  const handlers: Record<string, (arg: unknown) => Promise<void> | void> = {
    "assetline.materialize": materializeKey("asset"),
    "assetline.materializeWithUpstream": materializeKey("upstream"),
    "assetline.materializeDownstream": materializeKey("downstream"),
    "assetline.materializePartitions": async (arg) => {
      const target = await partitionedTarget(arg);
      const cli = target && runner.cliFor(target.folder);
      if (!target || !cli) return;
      const picked = await pickPartitions(target.folder, cli.bin, target.keys[0]!, target.definition);
      if (!picked) return;
      const title = `${target.keys.join(", ")} · ${picked.count} partition${picked.count === 1 ? "" : "s"}`;
      await actions.materialize({ selection: target.selection, partitions: picked.flags }, title, target.keys[0]);
    },
    "assetline.backfillMissing": async (arg) => {
      const target = await partitionedTarget(arg);
      if (!target) return;
      const title = `backfill missing partitions of ${target.keys.join(", ")}`;
      await actions.materialize(
        { selection: target.selection, partitions: ["--partitions", "missing"] },
        title,
        target.keys[0],
      );
    },
    "assetline.materializeStale": () => actions.materialize({ stale: true }, "stale assets"),
    "assetline.materializeSelection": async (arg) => {
      const selection =
        typeof arg === "string" && arg.trim() !== ""
          ? arg
          : await vscode.window.showInputBox({
              title: "Materialize a selection",
              prompt: "Selection syntax, e.g. +key:revenue_by_segment or group:gold",
            });
      if (selection?.trim()) await actions.materialize({ selection: selection.trim() }, selection.trim());
    },
    "assetline.materializeJob": async (arg) => {
      const job = typeof arg === "string" && arg !== "" ? arg : await pickJob(graph);
      if (job) await actions.materialize({ job }, `job ${job}`);
    },
    "assetline.showLineage": async (arg) => lineage.show(await keyOrCursor(client, arg)),
    "assetline.cancelRun": () => {
      if (runner.cancelAll() === 0) void vscode.window.showInformationMessage("Assetline: no run is going on.");
    },
    "assetline.wipeAsset": async (arg) => {
      const key = await requireKey(client, arg);
      const folder = actions.folderFor(key);
      if (key === undefined || !folder || !ensureTrusted()) return;
      const wipe = "Wipe";
      const choice = await vscode.window.showWarningMessage(
        `Wipe every stored materialization of ${key}? Its value and history are deleted from the store.`,
        { modal: true },
        wipe,
      );
      const cli = choice === wipe ? runner.cliFor(folder) : undefined;
      if (!cli) return;
      const root = folder.uri.fsPath;
      const result = await runCliCommand(
        cliArgs(cli.bin, root, "wipe", [key, "--yes"], readSettings(folder.uri)),
        root,
      );
      if (result.code !== 0)
        throw new Error(`could not wipe ${key}: ${result.stderr.trim() || `exit code ${result.code}`}`);
      output.appendLine(`[${key}] wiped`);
      graph.refreshSoon();
    },
    "assetline.runChecks": (arg) => checks.runChecks(arg),
    "assetline.previewTable": async (arg) => tables.preview(await keyOrCursor(client, arg)),
    "assetline.materializeWithConfig": async (arg) => {
      const key = (await keyOrCursor(client, arg)) ?? (await pickAsset(graph, "Materialize with config"));
      if (key) await runConfigs.open(key);
    },
    "assetline.runWithConfig": async (arg) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (uri) await runConfigs.run(uri);
    },
    "assetline.showRuns": async () => {
      const folder = actions.folderFor(undefined);
      if (!folder || !ensureTrusted()) return;
      const cli = runner.cliFor(folder);
      if (cli) await showRuns(folder, cli.bin, output);
    },
  };

  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (arg: unknown) => {
      try {
        await handler(arg);
      } catch (error) {
        void vscode.window.showErrorMessage(`Assetline: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}
