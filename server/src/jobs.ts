/** What the editor says about a job: the assets its selection picks now, and the job under the cursor. */
import type { Position } from "vscode-languageserver/node";
import type { AssetGraph, JobInfo } from "assetline/protocol";
import { parseSelection, type SelectionFacts, SelectionEvaluationError, selectAssets } from "assetline/selection";

/**
 * The keys the job's selection picks in this graph; undefined when it does not parse (its diagnostic says why) or
 * depends on what only a run knows (status:, changed_in_branch:, …), or a job: loop.
 */
export function jobAssets(job: JobInfo, graph: AssetGraph, facts?: SelectionFacts): Set<string> | undefined {
  const parsed = parseSelection(job.selection);
  if (!parsed.ok) return undefined;
  try {
    return selectAssets(parsed.expr, graph, facts);
  } catch (error) {
    if (error instanceof SelectionEvaluationError) return undefined;
    throw error;
  }
}

/** Which of a file's jobs has its definition around `position`. */
export function jobAt(jobs: readonly JobInfo[], position: Position): JobInfo | undefined {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return jobs.find(
    ({ location }) =>
      location !== undefined && before(location.range.start, position) && before(position, location.range.end),
  );
}
