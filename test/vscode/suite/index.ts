import { runMochaFiles } from "./mochaRun";

/**
 * The trusted-workspace suite. The order matters: lenses are checked while nothing is materialized yet, the edits
 * are undone before the runner materializes, and the lineage test counts what the earlier tests left in place; the
 * checks test adds a file of checks, and the blocking-check test materializes with a failing one; the last two add an
 * asset with config and a warehouse, and remove them.
 */
const files = [
  "activation.test.js",
  "codeLens.test.js",
  "diagnostics.test.js",
  "navigation.test.js",
  "materialize.test.js",
  "lineage.test.js",
  "checks.test.js",
  "checksBlocking.test.js",
  "runConfig.test.js",
  "previewTable.test.js",
];

export function run(): Promise<void> {
  return runMochaFiles(__dirname, files);
}
