/**
 * `Assetline: Preview Table`: the first rows of a table asset, read by the workspace's CLI (`query --json`, read-only)
 * and shown as Markdown in a read-only virtual document. The extension host opens no DuckDB file itself.
 */
import * as vscode from "vscode";
import { type AssetNode, QueryOutputSchema, readCliOutput } from "assetline/protocol";
import type { AssetActions } from "../actions";
import { runCliCommand } from "../run/cliProcess";
import { cliArgs } from "../run/materializeArgs";
import { warnProtocolMismatch } from "../run/protocolNotice";
import type { Runner } from "../run/runner";
import type { GraphCache } from "../server/graphCache";
import { readSettings } from "../settings";
import { ensureTrusted } from "../trust";
import { PREVIEW_ROWS, previewQuery, tableMarkdown } from "./tableMarkdown";

export const TABLE_SCHEME = "assetline-table";
const QUERY_COMMAND = "assetline query --json";

const isTable = (node: AssetNode) => node.kinds.includes("table");

/** Serves each previewed table's Markdown, by asset key; the documents are read-only because the scheme is ours. */
export class TablePreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(TABLE_SCHEME, this);

  constructor(
    private readonly graph: GraphCache,
    private readonly runner: Runner,
    private readonly actions: AssetActions,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? "";
  }

  /** The table asset `key` (else one picked among the workspace's tables), read and shown. */
  async preview(key: string | undefined): Promise<void> {
    const node = key === undefined ? await this.pickTable() : this.graph.node(key);
    if (!node || !this.stored(node)) return;
    const folder = this.actions.folderFor(node.key);
    // The CLI is the workspace's own code: Restricted Mode runs none of it.
    const cli = folder && ensureTrusted() ? this.runner.cliFor(folder) : undefined;
    if (!folder || !cli) return;
    const root = folder.uri.fsPath;
    const args = ["--json", "--limit", String(PREVIEW_ROWS), previewQuery(node.group, node.key)];
    const result = await runCliCommand(cliArgs(cli.bin, root, "query", args, readSettings(folder.uri)), root);
    if (result.code !== 0) {
      const reason = result.stderr.trim().replace(/^assetline query: /, "") || `exit code ${result.code}`;
      throw new Error(`could not preview ${node.key}: ${reason}`);
    }
    const read = readCliOutput(QueryOutputSchema, result.stdout);
    if (!read.ok && "mismatch" in read) return warnProtocolMismatch(QUERY_COMMAND, root, cli.bin, read.mismatch.found);
    if (!read.ok) throw new Error(`\`${QUERY_COMMAND}\` printed output Assetline cannot read: ${read.error}`);
    const uri = vscode.Uri.from({ scheme: TABLE_SCHEME, path: `/${node.key}.md` });
    this.contents.set(uri.toString(), tableMarkdown(node.key, read.value));
    this.changed.fire(uri);
    await vscode.commands.executeCommand("markdown.showPreview", uri);
  }

  private stored(node: AssetNode): boolean {
    if (isTable(node)) return true;
    void vscode.window.showInformationMessage(
      `Assetline: ${node.key} is not stored as a table. Give it \`io: "duckdb"\` and materialize it to preview its rows.`,
    );
    return false;
  }

  private async pickTable(): Promise<AssetNode | undefined> {
    const tables = (this.graph.graph?.graph.nodes ?? []).filter(isTable);
    if (tables.length === 0) {
      void vscode.window.showInformationMessage(
        'Assetline: no asset of this workspace is stored as a table. Give one `io: "duckdb"` and materialize it.',
      );
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      tables.map((node) => ({ label: node.key, description: `${node.group}`, node })),
      { title: "Preview a table", placeHolder: "Which table asset?" },
    );
    return picked?.node;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
