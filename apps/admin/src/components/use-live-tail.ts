import { useEffect, useRef, useState } from 'react';
import { streamUrl } from '../api/client.ts';
import type { RecordedEventJson } from '../api/wire-types.ts';

export type TailStatus = 'connecting' | 'live' | 'reconnecting' | 'paused';

/** Most events kept on screen; older ones fall off the end. */
export const TAIL_KEEP = 2000;
/** How many of the newest events (of the filtered types) a fresh tail opens with, for context. */
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
    let streamProblem: string | undefined;

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
      timer = setTimeout(connect, delay);
    };

    const connect = () => {
      if (disposed) return;
      setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
      // A fresh tail asks the API to open with the newest events; after that it resumes from the cursor.
      const es = new EventSource(streamUrl({ after: cursor.current, tail: TAIL_BACKLOG, types }));
      source = es;
      es.onopen = () => {
        attempt = 0;
        setStatus('live');
        setProblem(null);
      };
      // With `tail`, the API first says where the stream starts: resume from there even if no event
      // arrives before the connection drops, so nothing written meanwhile is skipped.
      es.addEventListener('start', (message: MessageEvent<string>) => {
        try {
          const { after } = JSON.parse(message.data) as { after?: unknown };
          if (cursor.current === null && typeof after === 'number') {
            cursor.current = after;
            setCursorState(after);
          }
        } catch {
          // a malformed start leaves the cursor unset: the next connection asks for a tail again
        }
      });
      // The store failed: the API says why, then ends the stream; the reconnect below resumes.
      es.addEventListener('stream-error', (message: MessageEvent<string>) => {
        try {
          streamProblem = (JSON.parse(message.data) as { error?: { message?: string } }).error?.message;
        } catch {
          // keep the generic reason
        }
      });
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
      es.onerror = () => {
        // The connection dropped (the server stopped or restarted), or ended after a stream-error.
        const why = streamProblem ?? 'The connection to the API was lost.';
        streamProblem = undefined;
        retryLater(why);
      };
    };

    connect();
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
