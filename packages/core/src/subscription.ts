import type { EventListener, EventPage, SubscribeOptions, Subscription } from './types.ts';
import { normalizeSubscribeOptions } from './validation.ts';

/** What a store gives `startSubscription`: a gap-safe global read and a wake-up signal. */
export interface SubscriptionSource {
  readAll(options: { after: number; limit: number; eventTypes: string[] | undefined }): Promise<EventPage>;
  /**
   * Registers a callback run whenever new events may have been committed (an in-process write,
   * a NOTIFY, a file change). Returns the function that unregisters it.
   */
  watch(onChange: () => void): () => void;
  /** Re-reads at least this often even without a wake-up, in case one was missed. */
  pollIntervalMs: number;
  /** Events read per page during catch-up. */
  pageSize?: number;
}

/**
 * Runs a subscription on top of `readAll`: catch-up from `after`, then live, each event once and in
 * position order, the next delivered only after the listener's promise settles (back-pressure: the
 * subscriber reads a page at a time, never buffers the log). Any read or listener error ends it.
 */
export function startSubscription(
  source: SubscriptionSource,
  options: SubscribeOptions,
  listener: EventListener,
): Subscription {
  const { after, eventTypes } = normalizeSubscribeOptions(options);
  let closed = false;
  let changed = false;
  let wake: (() => void) | undefined;
  const signalChange = () => {
    changed = true;
    wake?.();
  };
  const unwatch = source.watch(signalChange);

  const waitForChange = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(signalChange, source.pollIntervalMs);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      if (changed || closed) wake();
    });

  const run = async () => {
    let position = after;
    try {
      while (!closed) {
        changed = false;
        const page = await source.readAll({ after: position, limit: source.pageSize ?? 500, eventTypes });
        for (const event of page.events) {
          if (closed) return;
          await listener(event);
          position = event.position;
        }
        if (page.next === null && !closed) await waitForChange();
      }
    } finally {
      unwatch();
    }
  };

  const done = run();
  // `done` is for whoever wants it; an unobserved failure must not crash the process.
  done.catch(() => {});
  return {
    done,
    async close() {
      closed = true;
      wake?.();
      await done.catch(() => {});
    },
  };
}
