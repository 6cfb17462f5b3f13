/**
 * Where a folder's asset checks are written and what the store last said of each: the graph's `checks` (from the
 * analyzer, as edited) joined with the statuses (from the store, as last read).
 */
import { checkStatusesOf, type AssetCheckNode, type CheckStatus, type Position } from "assetline/protocol";
import type { Folder } from "./folder";

/** The checks defined in this file, in the graph's order. */
export function checksIn(folder: Folder, file: string): AssetCheckNode[] {
  return (folder.analyzer.graph().checks ?? []).filter((check) => check.location?.file === file);
}

/** The checks of one asset, in the graph's order. */
export function checksOf(folder: Folder, asset: string): AssetCheckNode[] {
  return (folder.analyzer.graph().checks ?? []).filter((check) => check.asset === asset);
}

/**
 * The check whose definition starts on the line of `position`: that line holds the call and, for an exported check, its
 * binding. Lines further in are the check's function, whose own code the editor's TypeScript explains.
 */
export function checkAt(folder: Folder, file: string, position: Position): AssetCheckNode | undefined {
  return checksIn(folder, file).find(({ location }) => location!.range.start.line === position.line);
}

/** Each check with its status (`never` when the store has none), or all `never` while no store was read. */
export function statusesOf(folder: Folder, checks: readonly AssetCheckNode[]): CheckStatus[] {
  return checks.map((check) => checkStatusesOf([check], folder.statuses.get(check.asset)?.checks)[0]!);
}
