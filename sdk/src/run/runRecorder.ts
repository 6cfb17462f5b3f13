import type { RunEvent } from "../protocol";
import type { Store } from "../store/store";

/**
 * Records a run's events as the executor emits them, without making each emit wait for the store: the store takes
 * them in order (and batches them), and `settle` waits for them all and throws the first failed write, so a store that
 * stops taking records still fails the run.
 */
export class RunRecorder {
  private readonly pending = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(private readonly store: Store) {}

  record(event: RunEvent): void {
    const write: Promise<void> = this.store
      .record(event)
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every event is committed; rejects with the first write that failed. */
  async settle(): Promise<void> {
    await Promise.all(this.pending);
    if (!this.failure) await this.store.flush();
    if (this.failure) throw this.failure.error;
  }
}
