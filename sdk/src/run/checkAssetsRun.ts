/**
 * `check-assets`: runs checks against the values already in the store, materializing nothing. It is a run like any
 * other (recorded, its events streamed): one check step per check definition per checked value.
 */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import type { DryRun } from "../protocol";
import { statusesFromStore } from "../status/staleness";
import { openStore, openStoreReader } from "../store/openStore";
import type { StoreReader } from "../store/store";
import { type CheckTarget, checkedValues, chooseChecks } from "./chooseChecks";
import { runPlan, type RunResult } from "./executor";
import { graphCheckUnits, plannedSteps, repositoryCheckUnits } from "./plan";
import { type CheckStep, type CheckUnit, checkSteps } from "./planChecks";
import { RunRecorder } from "./runRecorder";
import { runResources } from "./runResources";
import { valueId } from "./values";
import {
  chooseInWorkspace,
  loadRepository,
  planMismatchWarning,
  startedBy,
  recordThen,
  storeEnvironment,
  type WorkspaceRunOptions,
} from "./workspaceRun";

export interface CheckRunOptions extends Omit<WorkspaceRunOptions, "target"> {
  target: CheckTarget;
}

type CheckPlanOptions = Pick<CheckRunOptions, "root" | "storeDir" | "definitionsFile" | "target">;

/** The units of the chosen checks only, each with just its chosen checks. */
function chosenUnits<C>(units: CheckUnit<C>[], keys: ReadonlySet<string>): CheckUnit<C>[] {
  return units
    .map((unit) => ({ ...unit, checks: unit.checks.filter((check) => keys.has(check.key)) }))
    .filter((unit) => unit.checks.length > 0);
}

/** Why a step cannot run: the first value it checks that the store has none of. */
async function missingValues(steps: CheckStep<unknown>[], store: StoreReader): Promise<Map<string, string>> {
  const recorded = (asset: string, partition: string | undefined) =>
    partition === undefined
      ? store.latestMaterializations([asset]).then((latest) => latest.has(asset))
      : store.latestPartitionMaterialization(asset, partition).then((record) => record !== undefined);
  const skipped = new Map<string, string>();
  for (const step of steps) {
    let missing: (typeof step.planned)[number] | undefined;
    for (const check of step.planned)
      if (!(await recorded(check.asset, step.partition))) {
        missing = check;
        break;
      }
    if (missing)
      skipped.set(
        step.id,
        `${valueId(missing.asset, step.partition)} has no materialization to check: materialize it first`,
      );
  }
  return skipped;
}

/** Analyze (refusing on errors), choose the checks and their values, and plan from the analyzer's graph. */
function chooseWorkspaceChecks<S extends StoreReader>(
  options: CheckPlanOptions,
  open: (storeDir: string) => Promise<S>,
) {
  return chooseInWorkspace(options, open, async (graph, store, facts, context) => {
    const chosen = chooseChecks(options.target, graph, facts);
    const values = await checkedValues(chosen.keys, graph, store, options.target.partitions, context);
    return { chosen, values, planned: checkSteps(chosenUnits(graphCheckUnits(graph), chosen.keys), values) };
  });
}

/** What `check-assets --dry-run` prints: the check steps a run would take, and the checked assets' states now. */
export async function planCheckRun(options: CheckPlanOptions): Promise<DryRun> {
  const { store, graph, chosen, planned } = await chooseWorkspaceChecks(options, openStoreReader);
  try {
    const checked = new Set(planned.flatMap((step) => step.planned.map((check) => check.asset)));
    return {
      selection: chosen.label,
      steps: plannedSteps(planned),
      statuses: (await statusesFromStore(graph, store)).filter((status) => checked.has(status.key)),
    };
  } finally {
    await store.close();
  }
}

/** Loads the workspace's code and runs the chosen checks; a value the store lacks skips its step. */
export async function checkWorkspace(options: CheckRunOptions): Promise<RunResult> {
  const { store, entryFiles, moduleOf, chosen, context, values, planned } = await chooseWorkspaceChecks(
    options,
    openStore,
  );
  try {
    const repository = await loadRepository(options, entryFiles, moduleOf);
    const steps = checkSteps(chosenUnits(repositoryCheckUnits(repository), chosen.keys), values);
    const found = new Set(steps.flatMap((step) => step.checks));
    const unknown = planned.flatMap((step) => step.checks).filter((key) => !found.has(key));
    if (unknown.length > 0)
      throw new Error(
        `the analyzer found the checks ${unknown.join(", ")} but the loaded code does not define them: check that they are exported or listed in the Definitions' checks.`,
      );
    const mismatch = planMismatchWarning(plannedSteps(planned), steps);
    // The checks' resources: set up when a check step first needs one, torn down after the run.
    const resources = runResources(steps, {
      provided: repository.resources,
      root: options.root,
      signal: options.signal,
    });
    const runId = randomUUID();
    const skipped = await missingValues(steps, store);
    await store.startRun({ id: runId, selection: chosen.label, ...startedBy(options), startedAt: Date.now() });
    // Check steps record no materialization, so no code version is asked for.
    const recorder = new RunRecorder(store);
    const env = storeEnvironment(
      store,
      { ...options, emit: recordThen(recorder, options.onEvent) },
      repository,
      runId,
      context,
      () => "",
      resources,
    );
    const result = await runPlan({
      steps,
      selection: chosen.label,
      warnings: mismatch === undefined ? [] : [mismatch],
      skipped,
      concurrency: options.concurrency || availableParallelism(),
      env,
    }).finally(() => env.warehouse.close());
    await recorder.settle();
    return result;
  } finally {
    await store.close();
  }
}
