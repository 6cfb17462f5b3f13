/**
 * The Testing view's tree of checks, from the graph: file → asset → check, each check placed at its definition (a
 * check's key is its item's id). Pure, so the tree is tested without VS Code.
 */
import type { AssetCheckNode, AssetNode, SourceLocation } from "assetline/protocol";
import { forwardSlashes } from "../paths";

export interface CheckLeaf {
  /** `asset:name`. */
  key: string;
  name: string;
  /** `blocking` and the check's own description, as the view shows them beside the name. */
  detail: string | undefined;
  location: SourceLocation;
}

export interface AssetBranch {
  /** The asset's key. */
  key: string;
  /** The asset's name when the asset is defined in this file, so its gutter button runs all its checks. */
  location: SourceLocation | undefined;
  checks: CheckLeaf[];
}

export interface FileBranch {
  /** Absolute path with forward slashes, as the graph writes it. */
  file: string;
  assets: AssetBranch[];
}

function detail(check: AssetCheckNode): string | undefined {
  const parts = [...(check.blocking ? ["blocking"] : []), ...(check.description ? [check.description] : [])];
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/**
 * Files, assets and checks in definition order. A check is filed where it is defined (which may be another file than
 * its asset's), so running a file runs the checks written in it. Checks without a location are built at run time
 * only; the analyzer's graph, which the editor shows, places every check.
 */
export function checkTree(checks: readonly AssetCheckNode[], nodes: readonly AssetNode[]): FileBranch[] {
  const files = new Map<string, Map<string, AssetBranch>>();
  for (const check of checks) {
    if (!check.location) continue;
    const file = forwardSlashes(check.location.file);
    const assets = files.get(file) ?? new Map<string, AssetBranch>();
    files.set(file, assets);
    let branch = assets.get(check.asset);
    if (!branch) {
      const node = nodes.find((candidate) => candidate.key === check.asset);
      const at = node?.nameLocation ?? node?.location;
      branch = { key: check.asset, location: at && forwardSlashes(at.file) === file ? at : undefined, checks: [] };
      assets.set(check.asset, branch);
    }
    branch.checks.push({ key: check.key, name: check.name, detail: detail(check), location: check.location });
  }
  return [...files].map(([file, assets]) => ({ file, assets: [...assets.values()] }));
}

/** Every check key under the given asset keys, in tree order. */
export function checksOfAssets(tree: readonly FileBranch[], assets: readonly string[]): string[] {
  const wanted = new Set(assets);
  return tree.flatMap((file) =>
    file.assets.filter((asset) => wanted.has(asset.key)).flatMap((asset) => asset.checks.map((check) => check.key)),
  );
}

/** The checks a file is about, for the palette's Run Checks: those written in it and those of the assets it defines. */
export function checksOfFile(tree: readonly FileBranch[], nodes: readonly AssetNode[], file: string): string[] {
  const path = forwardSlashes(file);
  const written = tree
    .filter((branch) => branch.file === path)
    .flatMap((branch) => branch.assets.flatMap((asset) => asset.checks.map((check) => check.key)));
  const definedHere = nodes
    .filter((node) => node.location && forwardSlashes(node.location.file) === path)
    .map((node) => node.key);
  return [...new Set([...written, ...checksOfAssets(tree, definedHere)])];
}
