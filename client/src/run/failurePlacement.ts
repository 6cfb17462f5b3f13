/**
 * Where a run's diagnostics show (a failed asset, a failed blocking check, an asset that check kept from
 * materializing), worked out again from each new graph so each follows its definition as the file is edited. Kept
 * free of vscode so tests can check it.
 */
import type { Position, Range, SourceLocation, StepError } from "assetline/protocol";
import { forwardSlashes } from "../paths";

/** What a run reported about one asset or check, with the definition's place at that time. */
export interface RecordedFailure {
  /** An asset key, or a check key (`asset:name`) when `on` is `check`. */
  key: string;
  on: "asset" | "check";
  /** A check's partition: each failed partition of a partitioned asset's check is its own diagnostic. */
  partition?: string;
  severity: "error" | "warning";
  /** The diagnostic's text. */
  message: string;
  /** Where the step's code threw, one-based as in stacks. */
  thrown?: NonNullable<StepError["location"]>;
  /** The whole definition when it failed: a "thrown here" inside it moves along with it. */
  definitionAtFailure: SourceLocation | undefined;
}

/** A graph node's places: an asset's name and whole definition, or a check's definition (it has no name place). */
export interface Definition {
  location?: SourceLocation;
  nameLocation?: SourceLocation;
}

/** A failed asset step: an error with the step's error and where it threw. */
export function assetFailed(key: string, runId: string, error: StepError, at: Definition): RecordedFailure {
  return {
    key,
    on: "asset",
    severity: "error",
    message: `${key} failed in run ${runId}: ${error.message}`,
    ...(error.location && { thrown: error.location }),
    definitionAtFailure: at.location,
  };
}

/** A check step a blocking check failed: an error with the step's error (`check x on y failed: …`). */
export function checkFailed(
  key: string,
  partition: string | undefined,
  runId: string,
  error: StepError,
  at: Definition,
): RecordedFailure {
  return {
    ...assetFailed(key, runId, error, at),
    on: "check",
    ...(partition !== undefined && { partition }),
    message: `in run ${runId}: ${error.message}`,
  };
}

/** An asset step skipped for a reason the runner gives (`blocked by check x on y`): a warning. */
export function assetNotMaterialized(key: string, runId: string, reason: string, at: Definition): RecordedFailure {
  return {
    key,
    on: "asset",
    severity: "warning",
    message: `not materialized in run ${runId}: ${reason}`,
    definitionAtFailure: at.location,
  };
}

/**
 * What one recorded failure replaces: an asset's newest failure or skip, one check's (partition's) newest failure.
 * Asset keys never hold `:`, check keys always do, so the two never collide.
 */
export function failureId({ key, partition }: Pick<RecordedFailure, "key" | "partition">): string {
  return partition === undefined ? key : `${key}[${partition}]`;
}

export interface FailurePlacement {
  file: string;
  range: Range;
  message: string;
  severity: RecordedFailure["severity"];
  thrownAt?: { file: string; position: Position };
}

const samePath = (a: string, b: string): boolean => forwardSlashes(a) === forwardSlashes(b);

/**
 * The diagnostic of a failure on the definition as `node` places it now (its name, else the whole call), or undefined
 * when the graph has no such asset or check. `lineCount` gives the open document's length, so a "thrown here" left
 * behind by an edit never points past its end.
 */
export function placeFailure(
  failure: RecordedFailure,
  node: Definition | undefined,
  lineCount: (file: string) => number | undefined,
): FailurePlacement | undefined {
  const location = node?.nameLocation ?? node?.location;
  if (!location) return undefined;
  const placement: FailurePlacement = {
    file: location.file,
    range: location.range,
    message: failure.message,
    severity: failure.severity,
  };
  const { thrown } = failure;
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
