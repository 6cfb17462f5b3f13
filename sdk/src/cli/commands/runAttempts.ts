/** A queued run's step attempts in `runs` and `logs`: which worker ran each, and the steps that took more than one. */
import type { RunEvent, RunSummary } from "../../protocol";
import type { StepAttempt } from "../../queue/stepAttempts";

export function withAttempts(run: RunSummary, attempts: readonly StepAttempt[]): RunSummary {
  const own = attempts.filter((attempt) => attempt.runId === run.id);
  if (own.length === 0) return run;
  const retried = own.filter((attempt) => attempt.attempt > 1).map((attempt) => attempt.stepId);
  return {
    ...run,
    workers: [...new Set(own.map((attempt) => attempt.worker))],
    retriedSteps: [...new Set(retried)],
  };
}

/** A step's start names the worker of its attempt (events count attempts from 0, the queue from 1). */
export function withWorkers(events: readonly RunEvent[], attempts: readonly StepAttempt[]): RunEvent[] {
  const workers = new Map(attempts.map((attempt) => [`${attempt.stepId}\n${attempt.attempt}`, attempt.worker]));
  return events.map((event) => {
    const worker = event.type === "step_started" && workers.get(`${event.stepId}\n${event.attempt + 1}`);
    return worker ? { ...event, worker } : event;
  });
}

/** Attempts lost with their worker record no event of their own: `logs` says them at the time they were reaped. */
export function lostAttemptLines(attempts: readonly StepAttempt[]): { timestamp: number; text: string }[] {
  return attempts.flatMap((attempt) =>
    attempt.outcome === "lost"
      ? [
          {
            timestamp: attempt.endedAt ?? attempt.startedAt,
            text: `${attempt.stepId}: attempt ${attempt.attempt} lost with worker ${attempt.worker} (its heartbeat stopped)`,
          },
        ]
      : [],
  );
}
