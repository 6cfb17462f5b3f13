/** What the editor says about a job: the assets its selection picks now, and the job under the cursor. */
import type { Position } from "vscode-languageserver/node";
import type { AssetGraph, JobInfo } from "assetline/protocol";
import { parseSelection, selectAssets } from "assetline/selection";

/** The keys the job's selection picks in this graph; undefined when it does not parse (its diagnostic says why). */
export function jobAssets(job: JobInfo, graph: AssetGraph): Set<string> | undefined {
  const parsed = parseSelection(job.selection);
  return parsed.ok ? selectAssets(parsed.expr, graph) : undefined;
}

/** Which of a file's jobs has its definition around `position`. */
export function jobAt(jobs: readonly JobInfo[], position: Position): JobInfo | undefined {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return jobs.find(
    ({ location }) =>
      location !== undefined && before(location.range.start, position) && before(position, location.range.end),
  );
}
