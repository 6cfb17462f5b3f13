/**
 * What the Testing view says about a failed check: the verdict with its description, the partition, the metadata it
 * recorded and, when the check threw, the stack at the place it threw. Pure, so the wording is unit-tested.
 */
import type { CheckEvaluation, CheckStatus, Metadata, MetadataEntry, Position } from "assetline/protocol";
import { checkVerdict, formatNumber, schemaText } from "assetline/describe";

export interface CheckMessage {
  text: string;
  /** Where the check threw (zero-based); absent: the message belongs at the check's definition. */
  thrownAt?: { file: string; position: Position };
}

/** Long values (a JSON sample, a long text) are cut: the message is read in a peek, not scrolled. */
const MAX_VALUE = 300;

function cut(text: string): string {
  return text.length <= MAX_VALUE
    ? text
    : `${text.slice(0, MAX_VALUE)}… (${formatNumber(text.length - MAX_VALUE)} more)`;
}

function valueText(entry: MetadataEntry): string {
  switch (entry.type) {
    case "int":
    case "float":
      return formatNumber(entry.value);
    case "timestamp":
      return new Date(entry.value).toISOString();
    case "table":
      return `table of ${formatNumber(entry.value.rows.length)} rows (${entry.value.columns.join(", ")})`;
    case "table_schema":
      return cut(`columns ${schemaText(entry.value.columns)}`);
    case "json":
      return cut(JSON.stringify(entry.value) ?? "null");
    case "bool":
      return String(entry.value);
    default:
      return cut(entry.value);
  }
}

/** One `name: value` line per metadata entry, in the order the check recorded them. */
export function metadataLines(metadata: Metadata): string[] {
  return Object.entries(metadata).map(([name, entry]) => `${name}: ${valueText(entry)}`);
}

/** A failed (or warned) evaluation as the message on its check. */
export function evaluationMessage(evaluation: CheckEvaluation): CheckMessage {
  const { partition, error } = evaluation;
  const lines = [
    `${partition === undefined ? "" : `[${partition}] `}${checkVerdict(evaluation)}`,
    ...(evaluation.severity === "warn" ? ["severity warn: it blocks nothing downstream"] : []),
    ...metadataLines(evaluation.metadata),
    // The verdict says a thrown error's message; its stack says where.
    ...(error?.stack ? [error.stack] : []),
  ];
  const text = lines.join("\n");
  if (!error?.location) return { text };
  // Stack positions are one-based; the editor's are zero-based.
  const { file, line, column } = error.location;
  return { text, thrownAt: { file, position: { line: Math.max(0, line - 1), character: Math.max(0, column - 1) } } };
}

/**
 * The message on a check whose stored state is failed or warned. For a partitioned asset that is the worst of each
 * partition's newest evaluation, so the newest evaluation of all may have passed: then the failing partitions speak.
 */
export function lastResultMessage(status: CheckStatus & { last: CheckEvaluation }): CheckMessage {
  const { last, failedPartitions = [] } = status;
  const verdict = status.state === "warning" ? "warned" : "failed";
  const message = last.passed
    ? { text: `${verdict} in partitions ${failedPartitions.join(", ")}` }
    : evaluationMessage(last);
  const notes = [
    ...(!last.passed && failedPartitions.length > 1 ? [`failing partitions: ${failedPartitions.join(", ")}`] : []),
    ...(status.outdated ? [`it read a value of ${last.asset} older than the newest: run it again`] : []),
  ];
  return notes.length > 0 ? { ...message, text: [message.text, ...notes].join("\n") } : message;
}
