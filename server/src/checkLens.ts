/**
 * The lenses of asset checks and freshness. On an asset with checks: their summary (`✓ 3 checks`, `✖ 1 of 3 checks
 * failed`), which runs them all; on an overdue asset: how late it is. Above each check definition: its last result and
 * `▶ Run check`. Both run `assetline.runChecks` with `{ assets: [key] }` or `{ checks: [keys] }`.
 */
import type { CodeLens } from "vscode-languageserver/node";
import type { AssetCheckNode, AssetNode, Range } from "assetline/protocol";
import { checksSummary } from "assetline/describe";
import { checksOf, statusesOf } from "./checkSites";
import { checkResult, overdueTitle } from "./checkWords";
import type { Folder } from "./folder";
import { lens } from "./lens";

export const RUN_CHECKS = "assetline.runChecks";

/** A check's result lens this long leaves `▶ Run check` beside it on screen; the hover has the whole description. */
const LENS_DESCRIPTION_LENGTH = 50;

/** `named`: assets sharing a line (a multi-asset's specs) say whose checks and lateness each lens is about. */
export function assetCheckLenses(node: AssetNode, range: Range, folder: Folder, named: boolean): CodeLens[] {
  const prefix = named ? `${node.key} ` : "";
  const checks = checksOf(folder, node.key);
  const freshness = folder.statuses.get(node.key)?.freshness;
  const overdue = freshness && overdueTitle(freshness);
  // Without a store read there are no results to sum up, only checks to run.
  const summary = () =>
    folder.statuses.known
      ? checksSummary(statusesOf(folder, checks))
      : `▶ Run ${checks.length} check${checks.length === 1 ? "" : "s"}`;
  return [
    ...(checks.length > 0 ? [lens(range, `${prefix}${summary()}`, RUN_CHECKS, [{ assets: [node.key] }])] : []),
    ...(overdue ? [lens(range, `${prefix}${overdue}`, "", [])] : []),
  ];
}

/**
 * The lenses of the checks defined on one line: a multi-asset check's specs run as one step, so each says its result
 * (named) and one `▶ Run checks` runs them together.
 */
export function checkDefinitionLenses(checks: AssetCheckNode[], folder: Folder): CodeLens[] {
  const range = checks[0]!.location!.range;
  const shared = checks.length > 1;
  const now = Date.now();
  const known = folder.statuses.known ? statusesOf(folder, checks) : [];
  const results = known.map((status) =>
    lens(range, `${shared ? `${status.name} ` : ""}${checkResult(status, now, LENS_DESCRIPTION_LENGTH)}`, "", []),
  );
  const keys = checks.map((check) => check.key);
  return [...results, lens(range, shared ? "▶ Run checks" : "▶ Run check", RUN_CHECKS, [{ checks: keys }])];
}
