/**
 * Where a failed asset's diagnostic shows, worked out again from each new graph so it follows the asset's definition
 * as the file is edited. Kept free of vscode so tests can check it.
 */
import type { AssetNode, Position, Range, SourceLocation, StepError } from "assetline/protocol";
import { forwardSlashes } from "../paths";

/** A step failure as the run reported it, with the definition's place at that time. */
export interface RecordedFailure {
  key: string;
  runId: string;
  error: StepError;
  /** The whole definition when it failed: a "thrown here" inside it moves along with it. */
  definitionAtFailure: SourceLocation | undefined;
}

export interface FailurePlacement {
  file: string;
  range: Range;
  message: string;
  thrownAt?: { file: string; position: Position };
}

const samePath = (a: string, b: string): boolean => forwardSlashes(a) === forwardSlashes(b);

/**
 * The diagnostic of a failure on the asset's definition as `node` places it now (its name, else the whole call), or
 * undefined when the graph has no such asset. `lineCount` gives the open document's length, so a "thrown here" left
 * behind by an edit never points past its end.
 */
export function placeFailure(
  failure: RecordedFailure,
  node: AssetNode | undefined,
  lineCount: (file: string) => number | undefined,
): FailurePlacement | undefined {
  const location = node?.nameLocation ?? node?.location;
  if (!location) return undefined;
  const placement: FailurePlacement = {
    file: location.file,
    range: location.range,
    message: `${failure.key} failed in run ${failure.runId}: ${failure.error.message}`,
  };
  const thrown = failure.error.location;
  if (!thrown) return placement;
  // Stack positions are one-based; the editor's are zero-based.
  let line = Math.max(0, thrown.line - 1);
  let character = Math.max(0, thrown.column - 1);
  const before = failure.definitionAtFailure;
  const now = node?.location;
  if (
    before &&
    now &&
    samePath(thrown.file, before.file) &&
    samePath(before.file, now.file) &&
    line >= before.range.start.line &&
    line <= before.range.end.line
  ) {
    line += now.range.start.line - before.range.start.line;
  }
  const lines = lineCount(thrown.file);
  if (lines !== undefined && line > lines - 1) {
    line = Math.max(0, lines - 1);
    character = 0;
  }
  return { ...placement, thrownAt: { file: thrown.file, position: { line, character } } };
}
