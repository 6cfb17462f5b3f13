/** The controller's test items, kept in step with the graph: items are reused by id so the view keeps its state. */
import * as vscode from "vscode";
import type { AssetCheckNode, AssetNode, Range } from "assetline/protocol";
import { type FileBranch, checkTree } from "./checkTree";

const toRange = ({ start, end }: Range): vscode.Range =>
  new vscode.Range(start.line, start.character, end.line, end.character);

/** The item with `id` in `collection`, else a new one; its uri is set at creation and ids include nothing that moves. */
function reuse(
  controller: vscode.TestController,
  collection: vscode.TestItemCollection,
  id: string,
  label: string,
  uri: vscode.Uri,
): vscode.TestItem {
  const item = collection.get(id);
  if (item && item.uri?.toString() === uri.toString()) return item;
  return controller.createTestItem(id, label, uri);
}

export class CheckItems {
  private current: FileBranch[] = [];
  /** Each check's items: one per workspace folder defining a check with that key. */
  private byKey = new Map<string, vscode.TestItem[]>();
  private readonly checkItems = new WeakSet<vscode.TestItem>();

  constructor(private readonly controller: vscode.TestController) {}

  get tree(): readonly FileBranch[] {
    return this.current;
  }

  sync(checks: readonly AssetCheckNode[], nodes: readonly AssetNode[]): void {
    this.current = checkTree(checks, nodes);
    const byKey = new Map<string, vscode.TestItem[]>();
    const { controller } = this;
    const files = this.current.map((file) => {
      const uri = vscode.Uri.file(file.file);
      const fileItem = reuse(controller, controller.items, file.file, vscode.workspace.asRelativePath(uri), uri);
      const assets = file.assets.map((asset) => {
        const assetItem = reuse(controller, fileItem.children, asset.key, asset.key, uri);
        assetItem.range = asset.location && toRange(asset.location.range);
        assetItem.children.replace(
          asset.checks.map((check) => {
            const item = reuse(controller, assetItem.children, check.key, check.name, uri);
            item.range = toRange(check.location.range);
            item.description = check.detail;
            this.checkItems.add(item);
            byKey.set(check.key, [...(byKey.get(check.key) ?? []), item]);
            return item;
          }),
        );
        return assetItem;
      });
      fileItem.children.replace(assets);
      return fileItem;
    });
    controller.items.replace(files);
    this.byKey = byKey;
  }

  /** The items of these check keys (unknown keys have none). */
  itemsOf(keys: readonly string[]): vscode.TestItem[] {
    return keys.flatMap((key) => this.byKey.get(key) ?? []);
  }

  /** The check items under `roots` (all when undefined), each once, but those under `exclude`. */
  checksUnder(
    roots: readonly vscode.TestItem[] | undefined,
    exclude: readonly vscode.TestItem[] = [],
  ): vscode.TestItem[] {
    const skipped = new Set(exclude);
    const found = new Set<vscode.TestItem>();
    const visit = (item: vscode.TestItem): void => {
      if (skipped.has(item)) return;
      if (this.checkItems.has(item)) found.add(item);
      item.children.forEach(visit);
    };
    if (roots) roots.forEach(visit);
    else this.controller.items.forEach(visit);
    return [...found];
  }
}
