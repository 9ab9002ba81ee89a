import type { FileLock, HeldLock } from './file-lock.ts';

/**
 * Keeps the write lock across consecutive batches instead of taking it for each one: creating and
 * removing the lock file journals directory changes that every `fdatasync` then has to flush,
 * which halved throughput when measured. The holder publishes each new durable end in `log.end`,
 * so lock-free readers keep seeing new commits; it lets go after a short idle linger, or at once
 * when another store has marked that it is waiting.
 */
export class LockLease {
  readonly #lock: FileLock;
  readonly #onAcquired: (held: HeldLock) => Promise<void>;
  readonly #onReleased: () => void;
  readonly #lingerMs: number;
  #held: HeldLock | null = null;
  #acquiring: Promise<HeldLock> | null = null;
  #users = 0;
  #timer: NodeJS.Timeout | null = null;
  #lastUse = 0;

  constructor(
    lock: FileLock,
    options: {
      /** Runs once per acquisition, before any user gets the lock: catch up and repair under it. */
      onAcquired: (held: HeldLock) => Promise<void>;
      onReleased: () => void;
      lingerMs: number;
    },
  ) {
    this.#lock = lock;
    this.#onAcquired = options.onAcquired;
    this.#onReleased = options.onReleased;
    this.#lingerMs = options.lingerMs;
  }

  /** Keeps the lock without waiting when this store holds it already (pair with `leave()`), else null. */
  enterHeld(): HeldLock | null {
    if (this.#held === null) return null;
    this.#users++;
    return this.#held;
  }

  /** Takes the lock (or keeps it); pair every successful call with `leave()`. */
  async enter(): Promise<HeldLock> {
    this.#users++;
    try {
      if (this.#held !== null) return this.#held;
      this.#acquiring ??= this.#acquire();
      return await this.#acquiring;
    } catch (error) {
      this.#users--;
      throw error;
    }
  }

  leave(): void {
    this.#users--;
    if (this.#users > 0 || this.#held === null) return;
    if (this.#lingerMs === 0 || this.#held.waitersSeen()) {
      this.release();
      return;
    }
    this.#lastUse = performance.now();
    // One timer for a run of batches (re-armed only when it fires early), not one per batch.
    if (this.#timer === null) this.#arm(this.#lingerMs);
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#held === null) return;
      const idle = performance.now() - this.#lastUse;
      if (this.#users > 0 || idle < this.#lingerMs) this.#arm(Math.max(1, this.#lingerMs - idle));
      else this.release();
    }, ms);
    this.#timer.unref();
  }

  /** Lets the lock go now (idle, closing, or after a failed write whose tail the next holder must check). */
  release(): void {
    this.#cancelTimer();
    const held = this.#held;
    if (held === null) return;
    this.#held = null;
    this.#onReleased();
    held.release();
  }

  async #acquire(): Promise<HeldLock> {
    try {
      const held = await this.#lock.acquire();
      try {
        await this.#onAcquired(held);
      } catch (error) {
        held.release();
        throw error;
      }
      this.#held = held;
      return held;
    } finally {
      this.#acquiring = null;
    }
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
