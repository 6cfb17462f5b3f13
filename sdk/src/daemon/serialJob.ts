/**
 * An asynchronous job that never overlaps itself (the daemon's evaluations and plans read, then write, the store):
 * asked for while it runs, it runs once more after it, however often it was asked meanwhile. The job handles its own
 * errors (the daemon logs them and tries again later), so the promises here never reject.
 */
export class SerialJob {
  private current: Promise<void> | undefined;
  private again = false;

  constructor(private readonly job: () => Promise<void>) {}

  /** Resolves once a run that started after this call is done. */
  run(): Promise<void> {
    if (this.current !== undefined) {
      this.again = true;
      // The run under way settles first, and its settling starts the next one.
      return this.current.then(() => this.current);
    }
    const current = this.job().finally(() => {
      this.current = undefined;
      if (!this.again) return;
      this.again = false;
      this.current = this.run();
    });
    this.current = current;
    return current;
  }

  /** Resolves when no run is under way or asked for. */
  async idle(): Promise<void> {
    while (this.current !== undefined) await this.current;
  }
}
