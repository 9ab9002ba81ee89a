/** A request waiting for the next batch, with the callbacks that settle its caller's promise. */
export interface Pending<R> {
  request: R;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Most microtask turns a batch waits for the callers woken by the previous batch to submit again
 * (a resumed `await store.saveEvent()` caller needs about six). It stops waiting as soon as as
 * many requests are queued as the previous batch held; waiting on `setImmediate` instead costs an
 * event-loop iteration, which was measurable next to a fast fdatasync.
 */
const GATHER_TURNS = 24;

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
    // One turn lets every caller of the current tick join the first batch.
    await undefined;
    let expected = 1;
    try {
      for (;;) {
        for (let turn = 0; turn < GATHER_TURNS && this.#queue.length < expected; turn++) await undefined;
        if (this.#queue.length === 0) return;
        const batch = this.#queue;
        expected = batch.length;
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
