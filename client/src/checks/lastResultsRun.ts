/** The store's newest check results in the Testing view, as a run of their own. */
import * as vscode from "vscode";
import type { AssetStatus } from "assetline/protocol";
import type { CheckItems } from "./checkItems";
import { type LastResult, lastResults } from "./lastResults";
import { testMessage } from "./testMessages";

/**
 * Shows the results newer than those in `shown` (check key → evaluation time, updated here) as one run that is not
 * kept across sessions, since the store keeps them; returns what it showed.
 */
export function showLastResults(
  controller: vscode.TestController,
  items: CheckItems,
  statuses: readonly AssetStatus[],
  shown: Map<string, number>,
): LastResult[] {
  const results = lastResults(statuses, shown).filter((result) => items.itemsOf([result.key]).length > 0);
  if (results.length === 0) return [];
  const run = controller.createTestRun(
    new vscode.TestRunRequest(items.itemsOf(results.map((result) => result.key))),
    "Last results in the store",
    false,
  );
  for (const result of results) {
    shown.set(result.key, result.timestamp);
    for (const item of items.itemsOf([result.key])) {
      if (result.passed) run.passed(item, result.durationMs);
      else run.failed(item, testMessage(result.message, item), result.durationMs);
    }
  }
  run.end();
  return results;
}
