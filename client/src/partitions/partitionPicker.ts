/**
 * Materialize Partition…: lists the asset's partitions with their states from the workspace's CLI, lets the user check
 * several (or type one and press Enter), asks for a range when Range… is picked, and returns the CLI flags to run.
 */
import * as vscode from "vscode";
import {
  PartitionsOutputSchema,
  readCliOutput,
  type PartitionStatus,
  type PartitionsDefinitionData,
} from "assetline/protocol";
import { runCliCommand } from "../run/cliProcess";
import { cliArgs, definitionsArgs } from "../run/materializeArgs";
import { warnProtocolMismatch } from "../run/protocolNotice";
import { readSettings } from "../settings";
import {
  choiceItems,
  chosenKeys,
  keyFormat,
  parseRange,
  partitionFlags,
  type ChoiceItem,
  type PartitionChoice,
  typedItem,
} from "./partitionChoices";

const PARTITIONS_COMMAND = "assetline status --partitions KEY --json";

/** Each partition of `key` with its state, in the definition's order; undefined after telling the user why not. */
async function readPartitions(
  folder: vscode.WorkspaceFolder,
  bin: string,
  key: string,
): Promise<PartitionStatus[] | undefined> {
  const root = folder.uri.fsPath;
  const settings = readSettings(folder.uri);
  const args = ["--partitions", key, "--json", ...definitionsArgs(root, settings)];
  const result = await runCliCommand(cliArgs(bin, root, "status", args, settings), root);
  if (result.code !== 0)
    throw new Error(`could not list the partitions of ${key}: ${result.stderr.trim() || `exit code ${result.code}`}`);
  const read = readCliOutput(PartitionsOutputSchema, result.stdout);
  if (!read.ok && "mismatch" in read) {
    warnProtocolMismatch(PARTITIONS_COMMAND, root, bin, read.mismatch.found);
    return undefined;
  }
  if (!read.ok)
    throw new Error(`\`${PARTITIONS_COMMAND}\` for ${key} printed output Assetline cannot read: ${read.error}`);
  return read.value.partitions;
}

/** The QuickPick: resolves with the accepted choices, or undefined when dismissed. */
function showChoices(key: string, items: ChoiceItem[]): Promise<PartitionChoice[] | undefined> {
  const pick = vscode.window.createQuickPick<ChoiceItem & vscode.QuickPickItem>();
  pick.title = `Materialize partitions of ${key}`;
  pick.placeholder = "Check partitions, or type one and press Enter";
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.items = items;
  return new Promise((resolve) => {
    let accepted: PartitionChoice[] | undefined;
    pick.onDidAccept(() => {
      // Enter with nothing checked takes the highlighted item, else the one item the typed text names: typing a key
      // (or "range") and pressing Enter runs it, as in a single-choice pick.
      const picked =
        pick.selectedItems.length > 0
          ? pick.selectedItems
          : pick.activeItems.length > 0
            ? pick.activeItems
            : typedItem(items, pick.value);
      if (picked.length === 0) return;
      accepted = picked.map((item) => item.choice);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(accepted);
    });
    pick.show();
  });
}

/** The range box: validated as the user types, with the error under the text. */
async function askRange(
  key: string,
  partitions: readonly PartitionStatus[],
  definition: PartitionsDefinitionData | undefined,
): Promise<string[] | undefined> {
  const format = keyFormat(definition, partitions);
  const first = partitions[0]?.partition ?? "";
  const last = partitions.at(-1)?.partition ?? "";
  const read = (text: string) => parseRange(text, partitions, format);
  const text = await vscode.window.showInputBox({
    title: `Materialize a range of partitions of ${key}`,
    prompt: `first...last, inclusive (${format})`,
    value: `${first}...${last}`,
    validateInput: (value) => {
      const range = read(value);
      return "error" in range ? range.error : undefined;
    },
  });
  if (text === undefined) return undefined;
  const range = read(text);
  return "keys" in range ? range.keys : undefined;
}

/** The flags that run what the user picked (`--partition KEY` or `--partitions …`), or undefined when nothing was. */
export async function pickPartitions(
  folder: vscode.WorkspaceFolder,
  bin: string,
  key: string,
  definition: PartitionsDefinitionData | undefined,
): Promise<{ flags: string[]; count: number } | undefined> {
  const partitions = await readPartitions(folder, bin, key);
  if (!partitions) return undefined;
  if (partitions.length === 0) {
    void vscode.window.showInformationMessage(
      `${key} has no partitions yet${definition?.type === "dynamic" ? `: add some with assetline partitions add ${definition.name} KEY…` : "."}`,
    );
    return undefined;
  }
  const choices = await showChoices(key, choiceItems(partitions));
  if (!choices || choices.length === 0) return undefined;
  const ranged = choices.some((choice) => choice.kind === "range") ? await askRange(key, partitions, definition) : [];
  if (ranged === undefined) return undefined;
  const keys = chosenKeys(choices, partitions);
  const all = new Set([...keys, ...ranged]);
  const ordered = partitions.map((p) => p.partition).filter((partition) => all.has(partition));
  if (ordered.length === 0) return undefined;
  // A range alone says what it is; with other picks the keys are spelled out.
  const flagChoices = ranged.length > 0 ? [] : choices;
  return { flags: partitionFlags(ordered, partitions, flagChoices), count: ordered.length };
}
