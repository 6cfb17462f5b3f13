/** The latest value of something that arrives over time, and a promise for it when none has arrived yet. */
export class LatestValue<T> {
  private value: T | undefined;
  private waiters: ((value: T) => void)[] = [];

  set(value: T): void {
    this.value = value;
    for (const resolve of this.waiters.splice(0)) resolve(value);
  }

  /** Forgets the value (the panel closed): the next `get()` waits for a new one. */
  clear(): void {
    this.value = undefined;
  }

  get(): Promise<T> {
    return this.value !== undefined
      ? Promise.resolve(this.value)
      : new Promise((resolve) => this.waiters.push(resolve));
  }
}
