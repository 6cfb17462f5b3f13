/**
 * Reads the runner's `--json` stream: one protocol RunEvent per line, each with `protocolVersion`, validated with the
 * protocol's schema. User code may print to the same stdout, so a line that is not the CLI's is passed on as output.
 */
import { readCliOutput, RunEventSchema, type RunEvent, type RunEventType } from "assetline/protocol";

/** Every event type; typed as a record so a type added to the protocol must be added here too. */
const knownTypes: Record<RunEventType, true> = {
  run_started: true,
  step_started: true,
  step_succeeded: true,
  step_failed: true,
  step_skipped: true,
  step_retrying: true,
  log: true,
  materialization: true,
  check_evaluated: true,
  run_finished: true,
};

export type RunLine =
  | { kind: "event"; event: RunEvent }
  /** Not the CLI's: a blank line, or a print from the asset's code or a library. */
  | { kind: "output" }
  /** An event of another protocol version (`found` undefined: a CLI from before versioning). */
  | { kind: "mismatch"; found: number | undefined }
  /** The CLI's line, but cut short or not the declared shape. */
  | { kind: "malformed"; error: string };

/** What the CLI's lines start with: the version first (see `versioned`), or an unversioned event's type. */
const CLI_LINE = /^\{"(protocolVersion|type)":/;

export function parseRunEvent(line: string): RunLine {
  const text = line.trim();
  if (!CLI_LINE.test(text)) return { kind: "output" };
  const read = readCliOutput(RunEventSchema, text);
  if (read.ok) return { kind: "event", event: read.value };
  if ("error" in read)
    return text.startsWith('{"protocolVersion":') ? { kind: "malformed", error: read.error } : { kind: "output" };
  const { found } = read.mismatch;
  return found !== undefined || isUnversionedEvent(text) ? { kind: "mismatch", found } : { kind: "output" };
}

/** An event of a CLI from before versioning, rather than a print that happens to start like one. */
function isUnversionedEvent(text: string): boolean {
  const { type, runId } = JSON.parse(text) as { type?: unknown; runId?: unknown };
  return typeof type === "string" && type in knownTypes && typeof runId === "string";
}
