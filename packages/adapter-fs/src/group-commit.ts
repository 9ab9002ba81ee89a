/** A request waiting for the next batch, with the callbacks that settle its caller's promise. */
export interface Pending<R> {
  request: R;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: requests that arrive while a batch is being written and synced wait together and go
 * out as the next batch, so concurrent writers share one lock, one write and one `fdatasync`.
 */
export class GroupCommit<R> {
  readonly #runBatch: (batch: Pending<R>[]) => Promise<void>;
  #queue: Pending<R>[] = [];
  #running: Promise<void> | null = null;

  constructor(runBatch: (batch: Pending<R>[]) => Promise<void>) {
    this.#runBatch = runBatch;
  }

  submit<V>(request: R): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.#queue.push({ request, resolve: resolve as (value: unknown) => void, reject });
      this.#running ??= this.#drain();
    });
  }

  /** Resolves once every submitted request has been settled. */
  async idle(): Promise<void> {
    while (this.#running !== null) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        // Let the callers woken by the previous batch (and any in this tick) queue their next writes.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.#queue.length === 0) return;
        const batch = this.#queue;
        this.#queue = [];
        try {
          await this.#runBatch(batch);
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.#running = null;
    }
  }
}
