/**
 * A run's id as soon as its process names it (its first event), not when the run ends: a sensor's tick records the
 * runs it started and goes on while they run.
 */
export class RunStarts {
  private readonly waiting = new Map<string, (runId: string | undefined) => void>();

  /** Called with each event the daemon's runs print. */
  seen(ticket: string, runId: string | undefined): void {
    this.waiting.get(ticket)?.(runId);
    this.waiting.delete(ticket);
  }

  /** Starts the run and resolves with its id once it started; undefined when its process ended without one. */
  start(ticket: string, run: () => Promise<{ runId?: string }>): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting.set(ticket, resolve);
      run().then(
        (result) => this.seen(ticket, result.runId),
        () => this.seen(ticket, undefined),
      );
    });
  }
}
