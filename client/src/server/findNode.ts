/** Which graph node (asset or check) a key names; pure, so that it is tested without VS Code. */
import type { SourceLocation } from "assetline/protocol";
import { forwardSlashes } from "../paths";

const normalize = (path: string) => forwardSlashes(path).replace(/\/+$/, "");

/** The node with this key; with `root`, the one defined in that workspace folder (two folders may share a key). */
export function findNode<Node extends { key: string; location?: SourceLocation }>(
  nodes: readonly Node[],
  key: string,
  root?: string,
): Node | undefined {
  const folder = root === undefined ? undefined : `${normalize(root)}/`;
  return nodes.find(
    (node) =>
      node.key === key &&
      (folder === undefined || (node.location !== undefined && normalize(node.location.file).startsWith(folder))),
  );
}
