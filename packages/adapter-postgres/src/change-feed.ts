import { setTimeout as sleep } from 'node:timers/promises';
import type { Sql } from 'postgres';
import { NOTIFY_CHANNEL } from './statements.ts';

/** Wakes subscriptions: in-process right after a commit, other processes through LISTEN/NOTIFY. */
export interface ChangeFeed {
  /** Registers a wake-up; the first one starts the (shared) LISTEN connection. Returns unregister. */
  watch(onChange: () => void): () => void;
  /** Wakes after `delayMs` (unless already due sooner): committed events were held back. */
  wakeSoon(delayMs: number): void;
  /** After this store committed events: wake local watchers now and NOTIFY the other processes. */
  committed(): void;
  close(): Promise<void>;
}

const NOTIFY_GAP_MS = 20;

export function createChangeFeed(client: Sql, schema: string, notifySql: string): ChangeFeed {
  const watchers = new Set<() => void>();
  let listening: Promise<{ unlisten(): Promise<void> } | null> | undefined;
  let closed = false;
  let notifying = false;
  let notifyAgain = false;
  let soon: NodeJS.Timeout | undefined;

  const wakeAll = () => {
    for (const watcher of watchers) watcher();
  };

  const listen = () => {
    // postgres.js keeps one LISTEN connection per client and re-listens after a reconnect; the
    // `onlisten` callback then wakes everyone, since notifications may have been missed meanwhile.
    listening ??= client
      .listen(NOTIFY_CHANNEL, (payload) => payload === schema && wakeAll(), wakeAll)
      .catch(() => {
        // Polling still delivers; try LISTEN again with the next watcher.
        listening = undefined;
        return null;
      });
  };

  // A NOTIFY is a transaction of its own, sent after the append committed (inside the append it
  // would take Postgres' notify lock and serialise every commit). The first commit notifies at
  // once; commits during a NOTIFY or the gap after it share one more, so a busy writer sends at
  // most one per NOTIFY_GAP_MS.
  const notify = async () => {
    if (notifying) {
      notifyAgain = true;
      return;
    }
    notifying = true;
    try {
      do {
        notifyAgain = false;
        await client.unsafe(notifySql);
        await sleep(NOTIFY_GAP_MS);
      } while (notifyAgain && !closed);
    } catch {
      // Best effort: subscribers elsewhere fall back to polling.
    } finally {
      notifying = false;
    }
  };

  return {
    watch(onChange) {
      watchers.add(onChange);
      if (!closed) listen();
      return () => watchers.delete(onChange);
    },
    wakeSoon(delayMs) {
      if (soon !== undefined || closed) return;
      soon = setTimeout(() => {
        soon = undefined;
        wakeAll();
      }, delayMs);
    },
    committed() {
      wakeAll();
      if (!closed) void notify();
    },
    async close() {
      closed = true;
      clearTimeout(soon);
      const meta = await listening;
      listening = undefined;
      await meta?.unlisten().catch(() => {});
    },
  };
}
