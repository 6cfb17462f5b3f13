/**
 * The daemon's automation evaluations in the store (migration 11): the latest evaluation of each asset and partition,
 * and the evaluator's state for the next tick (docs/automation.md). Kept apart from the run records they are read with.
 */
import type Database from "better-sqlite3";
import type { AutomationResult, AutomationState } from "../automation/evaluate/inputs";
import type { AutomationRecord } from "../protocol/automation";
import { type AutomationEvaluationRow, automationRecordsByKey, parseAutomationState } from "./storeRows";

export interface AutomationEvaluationRecord {
  evaluatedAt: number;
  state: AutomationState;
  results: readonly AutomationResult[];
}

/** An asset (partition) a run was started for; `partition` undefined for an unpartitioned asset. */
export interface AutomationTarget {
  key: string;
  partition?: string;
}

export function latestAutomationEvaluations(
  db: Database.Database,
  keys?: Iterable<string>,
): Map<string, AutomationRecord[]> {
  const select = "SELECT key, partition, evaluated_at, will_run, reason, run_id FROM automation_evaluations";
  let rows: AutomationEvaluationRow[];
  if (keys) {
    const ofKey = db.prepare(`${select} WHERE key = ? ORDER BY partition`).raw();
    rows = [...new Set(keys)].flatMap((key) => ofKey.all(key) as AutomationEvaluationRow[]);
  } else {
    rows = db.prepare(`${select} ORDER BY key, partition`).raw().all() as AutomationEvaluationRow[];
  }
  return automationRecordsByKey(rows);
}

/**
 * Each key's newest materialization time, without the records' metadata: the evaluator reads this of every asset at
 * every tick, and parsing 10,000 records' metadata would cost more than the evaluation.
 */
export function latestMaterializationTimes(db: Database.Database): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT latest.key, m.timestamp FROM latest_materializations latest
       JOIN materializations m ON m.id = latest.materialization_id ORDER BY latest.key`,
    )
    .raw()
    .all() as [string, number][];
  return new Map(rows);
}

/** The state the last evaluation left; undefined before the first (or when the stored JSON is damaged). */
export function automationState(db: Database.Database): AutomationState | undefined {
  const row = db.prepare("SELECT state FROM automation_state WHERE id = 1").get() as { state: string } | undefined;
  return row === undefined ? undefined : parseAutomationState(row.state);
}

/**
 * One evaluation in one transaction: its state replaces the last one, its results replace the latest evaluation of
 * their asset (partition). An asset whose condition was removed keeps its last evaluation, as Dagster keeps history.
 */
export function recordAutomationEvaluation(db: Database.Database, evaluation: AutomationEvaluationRecord): void {
  const upsert = db.prepare(
    `INSERT INTO automation_evaluations (key, partition, evaluated_at, will_run, reason, run_id)
     VALUES (?, ?, ?, ?, ?, NULL)
     ON CONFLICT (key, partition) DO UPDATE SET
       evaluated_at = excluded.evaluated_at, will_run = excluded.will_run, reason = excluded.reason, run_id = NULL`,
  );
  const state = db.prepare(
    `INSERT INTO automation_state (id, state, evaluated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, evaluated_at = excluded.evaluated_at`,
  );
  db.transaction(() => {
    for (const result of evaluation.results)
      upsert.run(result.key, result.partition ?? "", evaluation.evaluatedAt, result.willRun ? 1 : 0, result.reason);
    state.run(JSON.stringify(evaluation.state), evaluation.evaluatedAt);
  }).immediate();
}

/**
 * The run started for these assets (partitions), on the evaluation at `evaluatedAt` that asked for it: not on a later
 * one, which did not.
 */
export function recordAutomationRun(
  db: Database.Database,
  runId: string,
  evaluatedAt: number,
  targets: readonly AutomationTarget[],
): void {
  const update = db.prepare(
    "UPDATE automation_evaluations SET run_id = ? WHERE key = ? AND partition = ? AND evaluated_at = ?",
  );
  db.transaction(() => {
    for (const target of targets) update.run(runId, target.key, target.partition ?? "", evaluatedAt);
  }).immediate();
}
