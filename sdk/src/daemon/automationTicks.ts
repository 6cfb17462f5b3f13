/**
 * The daemon's declarative automation (docs/automation.md): every interval (Dagster's 30 s), and as soon as a run ends
 * (the daemon's own, or one the CLI ran on the store), the evaluator decides every asset with a condition from the
 * store's facts and the previous evaluation's state; the evaluation is recorded, then each requested partition (the
 * unpartitioned assets together) runs as one `materialize` run with origin `automation`, its id recorded on the
 * evaluations that asked for it. A tick asked for while one evaluates runs after it, so two never overlap; errors are
 * logged, never fatal.
 */
import { type FactsGraph, type FactsStore, readAutomationFacts, type Targets } from "../automation/facts";
import {
  type AutomationEvaluation,
  type AutomationGraph,
  type AutomationResult,
  type AutomationState,
  type Condition,
  evaluateAutomation,
} from "../automation/evaluate";
import type { AssetGraph, RunEvent } from "../protocol";
import { SerialJob } from "./serialJob";
import { keysSelection } from "../run/resolveSelection";
import type { AutomationTarget } from "../store/automationRecords";
import type { Store } from "../store/store";

/** Dagster's default interval between evaluations. */
export const DEFAULT_AUTOMATION_INTERVAL_MS = 30_000;
/** How often the store is looked at for runs that ended (a CLI's run the daemon did not start). */
const RUN_WATCH_MS = 1_000;
/** How many of the newest runs the watch looks at. */
const RUNS_WATCHED = 50;

/** The interval, unless `ASSETLINE_AUTOMATION_INTERVAL_MS` sets another (tests tick faster). */
export function automationInterval(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.ASSETLINE_AUTOMATION_INTERVAL_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_AUTOMATION_INTERVAL_MS;
}

/** What a tick reads of the store and writes to it. */
export type AutomationStore = FactsStore &
  Pick<Store, "recoverCrashedRuns" | "automationState" | "recordAutomationEvaluation" | "recordAutomationRun">;

/** The graph a tick evaluates (a protocol `AssetGraph` fits): conditions and code versions on the nodes. */
export type AutomationTickGraph = AutomationGraph &
  FactsGraph & { nodes: readonly { key: string; automationCondition?: Condition }[] };

/**
 * One evaluation through the store: its facts (`starting`: runs started, not yet recorded), evaluated from `previous`
 * (the state the last one recorded), recorded in one transaction. Undefined when no asset has a condition.
 */
export async function evaluateAndRecord(
  graph: AutomationTickGraph,
  store: AutomationStore,
  starting: Targets,
  previous: AutomationState | undefined,
  now: number,
): Promise<AutomationEvaluation | undefined> {
  const conditions: Record<string, Condition> = {};
  for (const node of graph.nodes) if (node.automationCondition) conditions[node.key] = node.automationCondition;
  if (Object.keys(conditions).length === 0) return undefined;
  await store.recoverCrashedRuns();
  const facts = await readAutomationFacts(graph, store, { starting });
  const evaluation = evaluateAutomation(graph, conditions, facts, previous, new Date(now));
  await store.recordAutomationEvaluation({ evaluatedAt: now, ...evaluation });
  return evaluation;
}

export interface AutomationDeps {
  /** The warm graph. */
  graph(): AssetGraph;
  store: AutomationStore;
  /** Starts a `materialize` run with these options under `ticket`; resolves when its process exited. */
  startRun(ticket: string, options: Record<string, string>): Promise<{ exitCode: number; runId?: string }>;
  log(line: string): void;
  intervalMs: number;
  now?: () => number;
}

/** One run an evaluation asks for: a partition of some assets, or the unpartitioned ones together. */
interface RequestedRun {
  ticket: string;
  targets: AutomationTarget[];
  options: Record<string, string>;
}

export class AutomationTicker {
  private next: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Ids of the finished runs among the newest, as last seen: one more means a run ended. */
  private finished = "";
  /**
   * Ticket → the assets (partitions) of a run started and not yet exited, and the evaluation that asked for it: in
   * progress before the store says so.
   */
  private readonly starting = new Map<string, { evaluatedAt: number; targets: AutomationTarget[] }>();
  private readonly running = new Set<Promise<void>>();
  /** The state the last evaluation recorded, kept rather than parsed from the store at every tick (1.5 MB for 10,000 assets). */
  private previous: { state: AutomationState | undefined } | undefined;
  private readonly now: () => number;
  private readonly evaluation = new SerialJob(() => this.evaluate());

  constructor(private readonly deps: AutomationDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Evaluates now, then whenever a run ends and an interval after the last evaluation. */
  async start(): Promise<void> {
    this.finished = await this.finishedRuns();
    await this.tick();
    // Neither rejects (a failed read or evaluation is logged and tried again), so nothing is left to handle.
    this.watch = setInterval(() => void this.watchRuns(), RUN_WATCH_MS);
  }

  /** Evaluates again when a run ended since it last looked. */
  private async watchRuns(): Promise<void> {
    const finished = await this.finishedRuns();
    if (finished === this.finished) return;
    this.finished = finished;
    await this.tick();
  }

  /** Stops evaluating and waits for the runs it started to exit (the daemon cancels them first). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.next);
    clearInterval(this.watch);
    await this.evaluation.idle();
    await Promise.all(this.running);
  }

  /** A daemon run's event: the run id of a run this ticker started goes on its evaluations as soon as it is known. */
  runEvent(ticket: string, event: RunEvent): void {
    const started = this.starting.get(ticket);
    if (started === undefined || event.type !== "run_started") return;
    // recordRun logs its own failure: nothing is left to handle.
    void this.recordRun(event.runId, started.evaluatedAt, started.targets);
  }

  /**
   * One evaluation: facts, evaluate, record, start the requested runs; the next is an interval later at the latest.
   * Asked for during an evaluation, it runs after it; resolves when done.
   */
  tick(): Promise<void> {
    return this.evaluation.run();
  }

  private async evaluate(): Promise<void> {
    if (this.stopped) return;
    clearTimeout(this.next);
    this.next = setTimeout(() => this.tick(), this.deps.intervalMs);
    try {
      const now = this.now();
      const { graph, store } = this.deps;
      this.previous ??= { state: await store.automationState() };
      const evaluation = await evaluateAndRecord(graph(), store, this.startingTargets(), this.previous.state, now);
      if (evaluation === undefined) return;
      this.previous = { state: evaluation.state };
      for (const request of requestedRuns(evaluation.results, now)) this.startRun(request, now);
    } catch (error) {
      // A store busy past its timeout, a condition naming an asset that is gone: the next tick tries again.
      this.deps.log(`assetline dev: could not evaluate the automation conditions: ${(error as Error).message}\n`);
    }
  }

  private startRun(request: RequestedRun, evaluatedAt: number): void {
    const { ticket, targets, options } = request;
    this.starting.set(ticket, { evaluatedAt, targets });
    const names = targets.map((target) => target.key).join(", ");
    this.deps.log(
      `assetline dev: automation runs ${names}${options.partition === undefined ? "" : ` [${options.partition}]`}.\n`,
    );
    const running = this.deps
      .startRun(ticket, options)
      .then(async ({ exitCode, runId }) => {
        if (runId !== undefined) await this.recordRun(runId, evaluatedAt, targets);
        this.deps.log(`assetline dev: automation run ${runId ?? "(none started)"} exited with ${exitCode}.\n`);
      })
      .catch((error: Error) => this.deps.log(`assetline dev: an automation run could not start: ${error.message}\n`))
      .then(async () => {
        this.starting.delete(ticket);
        this.running.delete(running);
        // What it materialized may let the next assets run.
        this.finished = await this.finishedRuns();
        await this.tick();
      });
    this.running.add(running);
  }

  private async recordRun(runId: string, evaluatedAt: number, targets: AutomationTarget[]): Promise<void> {
    try {
      await this.deps.store.recordAutomationRun(runId, evaluatedAt, targets);
    } catch (error) {
      this.deps.log(`assetline dev: could not record automation run ${runId}: ${(error as Error).message}\n`);
    }
  }

  private startingTargets(): Targets {
    const targets = new Map<string, Set<string>>();
    for (const target of [...this.starting.values()].flatMap((started) => started.targets)) {
      const partitions = targets.get(target.key) ?? new Set<string>();
      partitions.add(target.partition ?? "");
      targets.set(target.key, partitions);
    }
    return targets;
  }

  private async finishedRuns(): Promise<string> {
    try {
      return (await this.deps.store.runs(RUNS_WATCHED))
        .filter((run) => run.status !== "running")
        .map((run) => run.id)
        .join(",");
    } catch {
      // The store busy: looked at again in a second.
      return this.finished;
    }
  }
}

/** The runs an evaluation asks for: the unpartitioned assets together, then one run per partition. */
export function requestedRuns(results: readonly AutomationResult[], evaluatedAt: number): RequestedRun[] {
  const byPartition = new Map<string | undefined, AutomationTarget[]>();
  for (const result of results) {
    if (!result.willRun) continue;
    const targets = byPartition.get(result.partition) ?? [];
    targets.push(
      result.partition === undefined ? { key: result.key } : { key: result.key, partition: result.partition },
    );
    byPartition.set(result.partition, targets);
  }
  return [...byPartition].map(([partition, targets]) => ({
    ticket: `automation:${evaluatedAt}:${partition ?? ""}`,
    targets,
    options: {
      select: keysSelection(targets.map((target) => target.key)),
      origin: "automation",
      ...(partition !== undefined && { partition }),
    },
  }));
}
