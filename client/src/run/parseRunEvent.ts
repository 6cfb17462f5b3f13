/** Reads the runner's `--json` stream: one protocol RunEvent per line. */
import type { RunEvent, RunEventType } from "assetline/protocol";

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
  run_finished: true,
};

/** The event on this line, or undefined for anything else (blank lines, a stray print from a library). */
export function parseRunEvent(line: string): RunEvent | undefined {
  const text = line.trim();
  if (!text.startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { type, runId } = value as { type?: unknown; runId?: unknown };
  if (typeof type !== "string" || !(type in knownTypes) || typeof runId !== "string") return undefined;
  return value as RunEvent;
}
