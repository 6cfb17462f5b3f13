import { runConfigLine } from "../../config/validateRunConfig";
import type { CheckEvaluation, RunEvent } from "../../protocol";
import { valueId } from "../../run/values";
import { checkVerdict, formatDuration, rowCount, stepTitle } from "../../status/describe";
import { formatTable } from "./table";

interface Row {
  assets: string;
  /** How many partitions the step materializes; absent: unpartitioned. */
  partitions?: number;
  result: string;
  durationMs?: number;
  rows?: number;
}

/**
 * The summary table's rows: one per unpartitioned step, one per asset for partitioned steps (a backfill of 1,096
 * partitions is one line: `orders (1,096 partitions) | 1,090 success, 6 failed`), durations and rows summed.
 */
function summaryRows(rows: Iterable<Row>): Row[] {
  const merged = new Map<string, { row: Row; results: Map<string, number> }>();
  const out: Row[] = [];
  for (const row of rows) {
    if (row.partitions === undefined) {
      out.push(row);
      continue;
    }
    let entry = merged.get(row.assets);
    if (!entry) {
      entry = { row: { assets: row.assets, partitions: 0, result: "" }, results: new Map() };
      merged.set(row.assets, entry);
      out.push(entry.row);
    }
    const { row: sum, results } = entry;
    sum.partitions! += row.partitions;
    results.set(row.result, (results.get(row.result) ?? 0) + row.partitions);
    if (row.durationMs !== undefined) sum.durationMs = (sum.durationMs ?? 0) + row.durationMs;
    if (row.rows !== undefined) sum.rows = (sum.rows ?? 0) + row.rows;
  }
  for (const { row, results } of merged.values()) {
    row.result =
      results.size === 1 ? [...results.keys()][0]! : [...results].map(([result, n]) => `${n} ${result}`).join(", ");
    row.assets = `${row.assets} (${row.partitions} partition${row.partitions === 1 ? "" : "s"})`;
  }
  return out;
}

/** `✖ orders:unique_order_id[2026-03-01] failed: 3 duplicate order_id values (src/checks.ts:12:9)`. */
export function evaluationLine(evaluation: CheckEvaluation): string {
  const icon = evaluation.passed ? "✓" : evaluation.severity === "warn" ? "⚠" : "✖";
  const at = evaluation.error?.location;
  const where = at ? ` (${at.file}:${at.line}:${at.column})` : "";
  return `${icon} ${valueId(evaluation.checkKey, evaluation.partition)} ${checkVerdict(evaluation)}${where}`;
}

/** The elapsed-time column of each line: fixed width, so that lines align. */
const clock = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** Human output of `materialize`: one line per finished step with the run's elapsed time, then a summary table. */
export function createProgressPrinter(write: (text: string) => void): (event: RunEvent) => void {
  let startedAt = Date.now();
  const rows = new Map<string, Row>();
  const rowCounts = new Map<string, number>();
  const line = (timestamp: number, text: string) => write(`[${clock(timestamp - startedAt).padStart(7)}] ${text}\n`);
  return (event) => {
    switch (event.type) {
      case "run_started":
        startedAt = event.timestamp;
        write(
          event.plan.length === 0
            ? `Run ${event.runId}: nothing to materialize (${event.selection || "no stale assets"}; external assets are produced elsewhere)\n`
            : `Run ${event.runId}: ${event.plan.length} step${event.plan.length === 1 ? "" : "s"} (${event.selection})\n`,
        );
        write(runConfigLine(event.config));
        for (const step of event.plan)
          rows.set(step.id, {
            assets: stepTitle(step),
            ...(step.partitions && { partitions: step.partitions.length }),
            result: "not run",
          });
        break;
      case "step_started":
        if (event.attempt > 0) line(event.timestamp, `… ${event.stepId} attempt ${event.attempt + 1}`);
        break;
      case "log":
        line(event.timestamp, `  ${event.level.padEnd(7)} ${event.stepId || "run"}: ${event.message}`);
        break;
      case "check_evaluated":
        line(event.timestamp, `  ${evaluationLine(event.evaluation)}`);
        break;
      case "materialization": {
        const count = rowCount(event.materialization.metadata);
        if (count !== undefined) rowCounts.set(event.stepId, (rowCounts.get(event.stepId) ?? 0) + count);
        break;
      }
      case "step_succeeded":
        line(event.timestamp, `✔ ${event.stepId} (${formatDuration(event.durationMs)})`);
        rows.set(event.stepId, {
          assets: stepTitle(event),
          ...rows.get(event.stepId),
          result: "success",
          durationMs: event.durationMs,
          rows: rowCounts.get(event.stepId),
        });
        break;
      case "step_retrying":
        line(
          event.timestamp,
          `↻ ${event.stepId} failed (${event.error.message}); retry ${event.attempt} in ${formatDuration(event.delayMs)}`,
        );
        break;
      case "step_failed":
        line(event.timestamp, `✖ ${event.stepId} failed: ${event.error.stack ?? event.error.message}`);
        rows.set(event.stepId, { assets: stepTitle(event), ...rows.get(event.stepId), result: "failed" });
        break;
      case "step_skipped":
        line(event.timestamp, `○ ${event.stepId} skipped: ${event.reason}`);
        rows.set(event.stepId, { assets: stepTitle(event), ...rows.get(event.stepId), result: "skipped" });
        break;
      case "run_finished":
        if (rows.size > 0)
          write(
            "\n" +
              formatTable(
                ["asset", "result", "duration", "rows"],
                summaryRows(rows.values()).map((row) => [
                  row.assets,
                  row.result,
                  row.durationMs === undefined ? "" : formatDuration(row.durationMs),
                  row.rows === undefined ? "" : String(row.rows),
                ]),
              ),
          );
        write(
          `\nRun ${event.runId} ${event.status}: ${event.succeeded} succeeded, ${event.failed} failed, ${event.skipped} skipped in ${formatDuration(event.durationMs)}\n`,
        );
        break;
    }
  };
}
