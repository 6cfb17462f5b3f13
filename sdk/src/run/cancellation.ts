export class CancelledError extends Error {
  constructor() {
    super("cancelled: the run was stopped before this step finished");
  }
}

/**
 * One abort listener per run instead of one per step (adding and removing an AbortSignal listener costs
 * microseconds, which adds up over 10,000 steps): steps race their work against the run's cancellation.
 */
export class Cancellation {
  private readonly waiting = new Set<() => void>();

  /** `until`: when the run ends, so a signal shared by many runs keeps no listener (and no run) alive. */
  constructor(
    readonly signal: AbortSignal,
    until: AbortSignal,
  ) {
    signal.addEventListener("abort", () => this.waiting.forEach((cancel) => cancel()), { once: true, signal: until });
  }

  /** Settles with the promise, or rejects as soon as the run is cancelled (a step that ignores its signal is abandoned). */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      const cancel = () => reject(new CancelledError());
      this.waiting.add(cancel);
      promise.then(
        (value) => {
          this.waiting.delete(cancel);
          resolve(value);
        },
        (error: unknown) => {
          this.waiting.delete(cancel);
          reject(error);
        },
      );
    });
  }

  sleep(ms: number): Promise<void> {
    return this.race(new Promise<void>((resolve) => setTimeout(resolve, ms)));
  }
}
