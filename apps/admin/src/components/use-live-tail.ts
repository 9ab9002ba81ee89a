import { useEffect, useRef, useState } from 'react';
import { api, streamUrl } from '../api/client.ts';
import type { RecordedEventJson } from '../api/wire-types.ts';
import { findHead } from '../lib/find-head.ts';

export type TailStatus = 'connecting' | 'live' | 'reconnecting' | 'paused';

/** Most events kept on screen; older ones fall off the end. */
export const TAIL_KEEP = 2000;
/** How many positions before the head a fresh tail starts, so it opens with some context. */
export const TAIL_BACKLOG = 20;
const MAX_BACKOFF_MS = 5000;

export interface LiveTail {
  /** Newest first. */
  events: RecordedEventJson[];
  status: TailStatus;
  /** The last position received: the tail resumes after it on reconnect and on resume. */
  cursor: number | null;
  /** Why the last connection ended, when it did. */
  problem: string | null;
  received: number;
  clear: () => void;
}

/**
 * The global log over Server-Sent Events. Owns reconnection instead of leaving it to EventSource,
 * so a restarted server, a server-side error event and a paused tail all resume from the last
 * position received: no event is skipped or shown twice.
 */
export function useLiveTail(options: {
  types: readonly string[];
  paused: boolean;
  startAfter?: number;
}): LiveTail {
  const { paused, startAfter } = options;
  const typesKey = options.types.join('\u0000');
  const [events, setEvents] = useState<RecordedEventJson[]>([]);
  const [status, setStatus] = useState<TailStatus>('connecting');
  const [problem, setProblem] = useState<string | null>(null);
  const [received, setReceived] = useState(0);
  const [cursorState, setCursorState] = useState<number | null>(null);
  const cursor = useRef<number | null>(startAfter ?? null);

  // A new filter starts a new list (from the same point in the log).
  // biome-ignore lint/correctness/useExhaustiveDependencies: typesKey is the trigger, not a value used inside
  useEffect(() => {
    setEvents([]);
    setReceived(0);
  }, [typesKey]);

  useEffect(() => {
    if (paused) {
      setStatus('paused');
      return;
    }
    const types = typesKey === '' ? [] : typesKey.split('\u0000');
    let disposed = false;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    let attempt = 0;
    let pending: RecordedEventJson[] = [];

    const flush = () => {
      frame = undefined;
      const batch = pending;
      pending = [];
      if (batch.length === 0 || disposed) return;
      batch.reverse();
      setEvents((current) => [...batch, ...current].slice(0, TAIL_KEEP));
      setReceived((count) => count + batch.length);
      setCursorState(cursor.current);
    };

    const retryLater = (why: string) => {
      source?.close();
      source = undefined;
      if (disposed) return;
      setStatus('reconnecting');
      setProblem(why);
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
      attempt++;
      timer = setTimeout(() => void connect(), delay);
    };

    const connect = async () => {
      if (disposed) return;
      setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
      if (cursor.current === null) {
        try {
          const head = await findHead(async (after) => {
            const page = await api.listEvents({ after, limit: 1 });
            return page.events.length > 0;
          });
          cursor.current = Math.max(0, head - TAIL_BACKLOG);
        } catch (error) {
          retryLater(error instanceof Error ? error.message : String(error));
          return;
        }
        if (disposed) return;
      }
      const es = new EventSource(streamUrl({ after: cursor.current, types }));
      source = es;
      es.onopen = () => {
        attempt = 0;
        setStatus('live');
        setProblem(null);
      };
      es.onmessage = (message: MessageEvent<string>) => {
        let event: RecordedEventJson;
        try {
          event = JSON.parse(message.data) as RecordedEventJson;
        } catch {
          return;
        }
        // Never show an event twice, even if a resumed stream repeats one.
        if (cursor.current !== null && event.position <= cursor.current) return;
        cursor.current = event.position;
        pending.push(event);
        frame ??= requestAnimationFrame(flush);
      };
      es.onerror = (event) => {
        // The API sends a named `error` event (with data) when the store fails; otherwise the
        // connection dropped: the server stopped or restarted.
        const data = (event as MessageEvent<unknown>).data;
        let why = 'The connection to the API was lost.';
        if (typeof data === 'string') {
          try {
            why = (JSON.parse(data) as { error?: { message?: string } }).error?.message ?? why;
          } catch {
            // keep the generic reason
          }
        }
        retryLater(why);
      };
    };

    void connect();
    return () => {
      source?.close();
      if (timer !== undefined) clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      // Show what already arrived: the cursor has moved past it.
      flush();
      disposed = true;
    };
  }, [paused, typesKey]);

  return {
    events,
    status,
    cursor: cursorState ?? cursor.current,
    problem,
    received,
    clear: () => setEvents([]),
  };
}
