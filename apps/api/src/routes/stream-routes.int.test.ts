import { createMemoryEventStore } from '@aether/adapter-memory';
import {
  type AetherStore,
  type RecordedEvent,
  type Subscription,
  startSubscription,
  storeUnavailable,
} from '@aether/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectSse, type SseConnection } from '../../test/sse-client.ts';
import { storeKinds } from '../../test/stores.ts';
import { type RunningServer, startServer } from '../start-server.ts';

/** The real store, counting the subscriptions that are open right now. */
function counted(store: AetherStore) {
  const open = new Set<Subscription>();
  const wrapped = new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'subscribe') return Reflect.get(target, key, receiver);
      return (...args: Parameters<AetherStore['subscribe']>) => {
        const subscription = target.subscribe(...args);
        open.add(subscription);
        void subscription.done.finally(() => open.delete(subscription)).catch(() => {});
        return subscription;
      };
    },
  });
  return { store: wrapped, open };
}

async function eventually(check: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(storeKinds())('GET /api/stream over $name (real server, real SSE client)', (kind) => {
  let store: AetherStore;
  let open: Set<Subscription>;
  let cleanup: () => Promise<void>;
  let server: RunningServer;
  const connections: SseConnection[] = [];

  beforeEach(async () => {
    const opened = await kind.open();
    cleanup = opened.cleanup;
    ({ store, open } = counted(opened.store));
    server = await startServer({ store, storeName: kind.name, port: 0, heartbeatMs: 100 });
  });
  afterEach(async () => {
    for (const connection of connections.splice(0)) connection.close();
    await server.close();
    await cleanup();
  });

  const connect = async (query = '', headers: Record<string, string> = {}) => {
    const connection = await connectSse(`${server.url}/api/stream${query}`, headers);
    connections.push(connection);
    return connection;
  };
  const append = (actorId: string, ...types: string[]) =>
    store.appendEvents(
      actorId,
      types.map((eventType) => ({ eventType, data: { actorId } })),
    );
  const positions = (events: readonly RecordedEvent[]) => events.map((event) => String(event.position));

  it('catches up from the start, then delivers live events, with id = position', async () => {
    const before = await append('a', 'One', 'Two', 'Three');
    const sse = await connect();
    expect(sse.status).toBe(200);
    expect(sse.contentType).toMatch(/^text\/event-stream/);
    const caughtUp = await sse.waitForMessages(3);
    expect(caughtUp.map((message) => message.id)).toEqual(positions(before));
    expect(JSON.parse(caughtUp[0]?.data ?? '')).toMatchObject({ actorId: 'a', eventType: 'One', version: 1 });
    expect(JSON.parse(caughtUp[0]?.data ?? '').timestamp).toMatch(/Z$/);

    const live = [...(await append('b', 'Four')), ...(await append('a', 'Five'))];
    const all = await sse.waitForMessages(5);
    expect(all.slice(3).map((message) => message.id)).toEqual(positions(live));
  });

  it('resumes after Last-Event-ID (which wins over ?after=), or after ?after=', async () => {
    const events = await append('a', 'One', 'Two', 'Three', 'Four');
    const second = String(events[1]?.position);
    const resumed = await connect('?after=0', { 'Last-Event-ID': second });
    const messages = await resumed.waitForMessages(2);
    expect(messages.map((message) => message.id)).toEqual(positions(events.slice(2)));

    const byQuery = await connect(`?after=${events[2]?.position}`);
    expect((await byQuery.waitForMessages(1)).map((message) => message.id)).toEqual(
      positions(events.slice(3)),
    );
    const more = await append('a', 'Five');
    await byQuery.waitForMessages(2);
    expect(byQuery.messages.map((message) => message.id)).toEqual(
      positions([events[3] as RecordedEvent, ...more]),
    );
  });

  it('filters by type', async () => {
    await append('a', 'Keep', 'Drop', 'Keep');
    const sse = await connect('?type=Keep&type=Also');
    await append('b', 'Drop', 'Also');
    const messages = await sse.waitForMessages(3);
    expect(messages.map((message) => JSON.parse(message.data).eventType)).toEqual(['Keep', 'Keep', 'Also']);
  });

  it('sends heartbeat comments while idle', async () => {
    const sse = await connect();
    await sse.waitForComment('heartbeat');
    expect(sse.messages).toEqual([]);
  });

  it('closes the subscription when the client leaves', async () => {
    const sse = await connect();
    await eventually(() => open.size === 1);
    sse.close();
    await eventually(() => open.size === 0);
  });

  it('rejects a bad Last-Event-ID or type with a JSON 400', async () => {
    for (const [query, headers] of [
      ['', { 'Last-Event-ID': 'abc' }],
      ['?after=-1', {}],
      ['?type=', {}],
    ] as const) {
      const response = await fetch(`${server.url}/api/stream${query}`, { headers });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_ARGUMENT');
    }
    expect(open.size).toBe(0);
  });

  it('?tail=N opens with the last N events after a start event naming its position, then goes live', async () => {
    const written = [...(await append('a', 'One', 'Two', 'Three')), ...(await append('b', 'Four', 'Five'))];
    const sse = await connect('?tail=2');
    const [start, ...opening] = await sse.waitForMessages(3);
    expect(start?.event).toBe('start');
    expect(start?.id).toBe(String(written[2]?.position));
    expect(JSON.parse(start?.data ?? '')).toEqual({
      after: written[2]?.position,
      head: written[4]?.position,
    });
    expect(opening.map((message) => message.event)).toEqual([undefined, undefined]);
    expect(opening.map((message) => message.id)).toEqual(positions(written.slice(3)));
    const live = await append('c', 'Six');
    expect((await sse.waitForMessages(4)).slice(3).map((message) => message.id)).toEqual(positions(live));

    // EventSource reconnects to the same URL with Last-Event-ID: it resumes there, with no new start.
    const resumed = await connect('?tail=2', { 'Last-Event-ID': String(written[3]?.position) });
    const again = await resumed.waitForMessages(2);
    expect(again.map((message) => message.event)).toEqual([undefined, undefined]);
    expect(again.map((message) => message.id)).toEqual(positions([written[4] as RecordedEvent, ...live]));
  });

  it('?tail=N with types opens with the last N events of those types', async () => {
    const written = await append('a', 'Keep', 'Drop', 'Keep', 'Drop', 'Keep', 'Drop', 'Drop');
    const sse = await connect('?tail=2&type=Keep');
    const [start, ...opening] = await sse.waitForMessages(3);
    expect(start?.event).toBe('start');
    const keeps = written.filter((event) => event.eventType === 'Keep');
    expect(opening.map((message) => message.id)).toEqual(positions(keeps.slice(-2)));
    const [drop, keep] = [...(await append('b', 'Drop')), ...(await append('b', 'Keep'))];
    const next = await sse.waitForMessages(4);
    expect(next[3]?.id).toBe(String(keep?.position));
    expect(sse.messages.map((message) => message.id)).not.toContain(String(drop?.position));
  });

  it('?tail= on an empty store starts at 0; tail=0 starts at the head', async () => {
    const empty = await connect('?tail=20');
    const [start] = await empty.waitForMessages(1);
    expect(start).toMatchObject({ event: 'start', id: '0' });
    expect(JSON.parse(start?.data ?? '')).toEqual({ after: 0, head: 0 });
    const [first] = await append('a', 'First');
    expect((await empty.waitForMessages(2))[1]?.id).toBe(String(first?.position));

    const [second] = await append('a', 'Second');
    const atHead = await connect('?tail=0');
    expect((await atHead.waitForMessages(1))[0]).toMatchObject({
      event: 'start',
      id: String(second?.position),
    });
    const [third] = await append('a', 'Third');
    expect((await atHead.waitForMessages(2))[1]?.id).toBe(String(third?.position));
  });

  it('rejects a tail out of range, not digits, or given with after, with a JSON 400 naming tail', async () => {
    for (const query of ['?tail=1001', '?tail=x', '?tail=-1', '?tail=5&after=1']) {
      const response = await fetch(`${server.url}/api/stream${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { code: string; details: { field: string } } };
      expect(body.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'tail' } });
    }
    expect(open.size).toBe(0);
  });

  it('ends open streams when the server shuts down', async () => {
    const sse = await connect();
    await eventually(() => open.size === 1);
    await server.close();
    await sse.ended;
    expect(open.size).toBe(0);
  });
});

/** The real store, except that its subscriptions' reads fail with `error`. */
function withFailingStream(real: AetherStore, error: unknown): AetherStore {
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key !== 'subscribe') return Reflect.get(target, key, receiver);
      return (
        options: Parameters<AetherStore['subscribe']>[0],
        listener: Parameters<AetherStore['subscribe']>[1],
      ) =>
        startSubscription(
          { readAll: async () => Promise.reject(error), watch: () => () => {}, pollIntervalMs: 50 },
          options,
          listener,
        );
    },
  });
}

describe('GET /api/stream when the store fails mid-stream', () => {
  it('sends a stream-error event with the code, then ends the stream', async () => {
    const real = createMemoryEventStore();
    // Reads for the stream fail as an unreachable backend would; everything else is the real store.
    const store = withFailingStream(real, storeUnavailable('connection reset'));
    const server = await startServer({ store, port: 0 });
    try {
      const sse = await connectSse(`${server.url}/api/stream`);
      await sse.ended;
      expect(sse.messages).toHaveLength(1);
      expect(sse.messages[0]?.event).toBe('stream-error');
      expect(JSON.parse(sse.messages[0]?.data ?? '').error.code).toBe('STORE_UNAVAILABLE');
    } finally {
      await server.close();
    }
  });
});

describe('GET /api/stream when the listener meets an unexpected failure', () => {
  it('answers stream-error INTERNAL without the cause, and logs the cause', async () => {
    const real = createMemoryEventStore();
    await real.appendEvents('actor-a', [{ eventType: 'Created', data: {} }]);
    const secret = new Error('driver says: password=hunter2');
    // The subscription fails with a non-Aether error, as a bug or a raw driver error would.
    const store = withFailingStream(real, secret);
    const logged: unknown[] = [];
    const server = await startServer({ store, port: 0, logError: (error) => logged.push(error) });
    try {
      const sse = await connectSse(`${server.url}/api/stream`);
      await sse.ended;
      expect(sse.messages).toHaveLength(1);
      expect(sse.messages[0]?.event).toBe('stream-error');
      expect(JSON.parse(sse.messages[0]?.data ?? '').error.code).toBe('INTERNAL');
      expect(sse.messages[0]?.data).not.toContain('hunter2');
      expect(logged).toEqual([secret]);
    } finally {
      await server.close();
    }
  });
});
