import type { AetherStore } from '@aether/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpClient, seg, TOKEN } from '../test/http.ts';
import { storeKinds } from '../test/stores.ts';
import { createApp } from './index.ts';

const draft = (
  eventType: string,
  data: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  eventType,
  data,
  ...extra,
});

describe.each(storeKinds())('console API over $name', (kind) => {
  let store: AetherStore;
  let cleanup: () => Promise<void>;
  let http: ReturnType<typeof httpClient>;

  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
    http = httpClient(createApp({ store, storeName: kind.name, apiToken: TOKEN, traceLimit: 50 }));
  });
  afterEach(async () => cleanup());

  const append = async (actorId: string, events: unknown[], expectedVersion?: unknown) => {
    const response = await http.post(`/api/actors/${seg(actorId)}/events`, { events, expectedVersion });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body.events as Array<Record<string, unknown>>;
  };

  it('GET /api/health answers with the store name and whether writes are on', async () => {
    const response = await http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', store: kind.name, writable: true });
  });

  it('POST /api/actors/:id/events appends with store-assigned versions and answers 201', async () => {
    const events = await append('order-1', [
      draft('OrderPlaced', { total: 42.5 }, { metadata: { userId: 'u-1' } }),
      draft('OrderPaid', { amount: 42.5 }),
    ]);
    expect(events.map((event) => [event.actorId, event.version, event.eventType])).toEqual([
      ['order-1', 1, 'OrderPlaced'],
      ['order-1', 2, 'OrderPaid'],
    ]);
    expect(events[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(events[0]?.metadata).toEqual({ userId: 'u-1' });
    expect(Number(events[1]?.position)).toBeGreaterThan(Number(events[0]?.position));
    expect(await store.getLatestVersion('order-1')).toBe(2);
  });

  it('keeps client timestamps, ids and command ids of drafts', async () => {
    const [event] = await append('a', [
      draft(
        'Created',
        { n: 1 },
        { id: 'evt-fixed-1', commandId: 'cmd-9', timestamp: '2026-01-02T03:04:05.678+01:00' },
      ),
    ]);
    expect(event).toMatchObject({
      id: 'evt-fixed-1',
      commandId: 'cmd-9',
      timestamp: '2026-01-02T02:04:05.678Z',
    });
  });

  it('answers a version conflict with 409 and its details, storing nothing', async () => {
    await append('a', [draft('One')]);
    const response = await http.post('/api/actors/a/events', { events: [draft('Two')], expectedVersion: 0 });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { actorId: 'a', currentVersion: 1, expectedVersion: 0 },
    });
    expect(await store.getLatestVersion('a')).toBe(1);
    const noStream = await http.post('/api/actors/a/events', {
      events: [draft('Two')],
      expectedVersion: 'no_stream',
    });
    expect(noStream.status).toBe(409);
    const exact = await http.post('/api/actors/a/events', { events: [draft('Two')], expectedVersion: 1 });
    expect(exact.status).toBe(201);
  });

  it('treats a repeated request with the same draft ids as a retry, and a reused id as 409', async () => {
    const body = { events: [draft('A', {}, { id: 'retry-1' }), draft('B', {}, { id: 'retry-2' })] };
    const first = await http.post('/api/actors/r/events', body);
    const again = await http.post('/api/actors/r/events', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.events).toEqual(first.body.events);
    expect((await store.getEvents('r')).length).toBe(2);

    const reused = await http.post('/api/actors/other/events', {
      events: [draft('C', {}, { id: 'retry-1' })],
    });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'DUPLICATE_EVENT_ID', details: { eventId: 'retry-1' } });
    expect(await store.getLatestVersion('other')).toBe(0);
  });

  it('refuses an invalid draft with 400 naming the field, and stores none of the batch', async () => {
    const response = await http.post('/api/actors/a/events', {
      events: [draft('Good', { ok: true }), draft('Bad', { text: 'nul \u0000 inside' })],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_EVENT');
    expect(response.body.error.details.field).toBe('events[1].data.text');
    expect(await store.getLatestVersion('a')).toBe(0);

    const shape = await http.post('/api/actors/a/events', { events: [{ data: {} }] });
    expect(shape.status).toBe(400);
    expect(shape.body.error).toMatchObject({
      code: 'INVALID_EVENT',
      details: { field: 'events[0].eventType' },
    });

    const control = await http.post('/api/actors/a/events', { events: [draft('Tab\there')] });
    expect(control.status).toBe(400);
    expect(control.body.error.details.field).toBe('events[0].eventType');

    const expected = await http.post('/api/actors/a/events', { events: [draft('X')], expectedVersion: -1 });
    expect(expected.status).toBe(400);
    expect(expected.body.error).toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { field: 'expectedVersion' },
    });

    const actor = await http.post(`/api/actors/${seg('bad\u0007actor')}/events`, { events: [draft('X')] });
    expect(actor.status).toBe(400);
    expect(actor.body.error.details.field).toBe('actorId');
    expect(await store.readAll()).toEqual({ events: [], next: null });
  });

  it('refuses bodies that are not JSON objects of the right media type', async () => {
    const malformed = await http.post('/api/actors/a/events', '{"events": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_ARGUMENT');
    const wrongType = await http.request('/api/actors/a/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/plain' },
      body: '{"events":[]}',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const tooMany = await http.post('/api/actors/a/events', {
      events: Array.from({ length: 1001 }, () => draft('X')),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.field).toBe('events');
    expect(await store.getLatestVersion('a')).toBe(0);
  });

  it('an empty append checks the expectation and returns no events', async () => {
    expect((await http.post('/api/actors/a/events', { events: [], expectedVersion: 0 })).status).toBe(201);
    const conflict = await http.post('/api/actors/a/events', { events: [], expectedVersion: 3 });
    expect(conflict.status).toBe(409);
  });

  it('GET /api/actors pages by actor id with a bounded limit and a next cursor', async () => {
    const ids = ['b', 'a/2', 'a/1', 'c', 'a/10', 'ä', '𝒜', '\uE000'];
    for (const id of ids) await append(id, [draft('Created')]);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const query: string = after === null ? '' : `&after=${encodeURIComponent(after)}`;
      const response = await http.get(`/api/actors?limit=3${query}`);
      expect(response.status).toBe(200);
      expect(response.body.actors.length).toBeLessThanOrEqual(3);
      seen.push(...response.body.actors.map((actor: { actorId: string }) => actor.actorId));
      after = response.body.next;
      pages++;
    } while (after !== null && pages < 10);
    // Unicode code point order: U+E000 before the astral 𝒜.
    expect(seen).toEqual(['a/1', 'a/10', 'a/2', 'b', 'c', 'ä', '\uE000', '𝒜']);

    const prefixed = await http.get('/api/actors?prefix=a%2F');
    expect(prefixed.body.actors.map((actor: { actorId: string }) => actor.actorId)).toEqual([
      'a/1',
      'a/10',
      'a/2',
    ]);
    const summary = prefixed.body.actors[0];
    expect(summary).toMatchObject({ latestVersion: 1, eventCount: 1, lastEventType: 'Created' });
    expect(summary.firstEventAt).toMatch(/Z$/);

    for (const limit of ['0', '1001', 'x', '-1', '1.5']) {
      const bad = await http.get(`/api/actors?limit=${limit}`);
      expect(bad.status, limit).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'limit' } });
    }
  });

  it('GET /api/actors/:id returns the summary, 404 for an unknown actor, 400 for an invalid id', async () => {
    await append('a/1', [draft('One'), draft('Two')]);
    await append('a/10', [draft('One')]);
    const response = await http.get(`/api/actors/${seg('a/1')}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      actorId: 'a/1',
      latestVersion: 2,
      eventCount: 2,
      lastEventType: 'Two',
    });
    const missing = await http.get(`/api/actors/${seg('a/')}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const invalid = await http.get('/api/actors/%01');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'actorId' } });
  });

  it('actor ids with /, spaces, unicode, % and ? work when URL-encoded', async () => {
    // Only `.` and `..` cannot be addressed: URL parsers resolve them (even as %2E%2E) as dot segments.
    const ids = ['order/2026 #1', 'user 名前/ü', '100% done?', 'a%2Fb', '...', 'x/../y', '+&=;'];
    for (const id of ids) {
      await append(id, [draft('Created', { id })]);
      const summary = await http.get(`/api/actors/${seg(id)}`);
      expect(summary.status, id).toBe(200);
      expect(summary.body.actorId).toBe(id);
      const events = await http.get(`/api/actors/${seg(id)}/events`);
      expect(events.body.events.map((event: { data: { id: string } }) => event.data.id)).toEqual([id]);
    }
    const listed = await http.get('/api/actors?limit=100');
    expect(listed.body.actors.map((actor: { actorId: string }) => actor.actorId).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('GET /api/actors/:id/events pages by version with from and limit', async () => {
    await append(
      's',
      Array.from({ length: 25 }, (_, index) => draft('Tick', { index })),
    );
    const versions: number[] = [];
    let from: number | null = 0;
    let pages = 0;
    while (from !== null && pages < 10) {
      const response = await http.get(`/api/actors/s/events?from=${from}&limit=10`);
      expect(response.status).toBe(200);
      expect(response.body.errors).toEqual([]);
      versions.push(...response.body.events.map((event: { version: number }) => event.version));
      from = response.body.next;
      pages++;
    }
    expect(versions).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    expect(pages).toBe(3);
    const tail = await http.get('/api/actors/s/events?from=24');
    expect(tail.body.events.map((event: { version: number }) => event.version)).toEqual([24, 25]);
    expect(tail.body.next).toBeNull();
    expect((await http.get('/api/actors/unknown/events')).body).toEqual({
      events: [],
      errors: [],
      next: null,
    });
    const bad = await http.get('/api/actors/s/events?from=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('from');
    expect((await http.get('/api/actors/s/events?limit=1001')).status).toBe(400);
  });

  it('GET /api/actors/:id/snapshot returns the latest snapshot or 404', async () => {
    await append('snap', [draft('One'), draft('Two')]);
    expect((await http.get('/api/actors/snap/snapshot')).status).toBe(404);
    await store.saveSnapshot({
      actorId: 'snap',
      version: 2,
      state: { n: 2 },
      timestamp: new Date('2026-02-03T04:05:06.007Z'),
    });
    await store.saveSnapshot({
      actorId: 'snap',
      version: 1,
      state: { n: 1 },
      timestamp: new Date('2026-02-04T00:00:00Z'),
    });
    const response = await http.get('/api/actors/snap/snapshot');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      actorId: 'snap',
      version: 2,
      state: { n: 2 },
      timestamp: '2026-02-03T04:05:06.007Z',
    });
  });

  it('GET /api/events pages the global log in position order, filtered by type', async () => {
    await append('x', [draft('A'), draft('B')]);
    await append('y', [draft('A'), draft('C')]);
    await append('x', [draft('A')]);
    const all: Array<{ position: number; eventType: string }> = [];
    let after: number | null = 0;
    while (after !== null) {
      const response = await http.get(`/api/events?after=${after}&limit=2`);
      expect(response.status).toBe(200);
      all.push(...response.body.events);
      after = response.body.next;
    }
    expect(all.map((event) => event.eventType)).toEqual(['A', 'B', 'A', 'C', 'A']);
    expect([...all.map((event) => event.position)].sort((a, b) => a - b)).toEqual(
      all.map((event) => event.position),
    );
    const typed = await http.get('/api/events?type=B&type=C');
    expect(typed.body.events.map((event: { eventType: string }) => event.eventType)).toEqual(['B', 'C']);
    const one = await http.get('/api/events?type=A&limit=1');
    expect(one.body.events).toHaveLength(1);
    expect(one.body.next).toBe(one.body.events[0].position);
    const bad = await http.get('/api/events?type=');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toMatch(/^type/);
    expect((await http.get('/api/events?after=abc')).status).toBe(400);
    expect((await http.get('/api/events?after=99999999999999999')).status).toBe(400);
  });

  it('GET /api/events/:id returns one event or 404', async () => {
    const [event] = await append('x', [draft('A', { v: 1 }, { id: 'event/with space' })]);
    const response = await http.get(`/api/events/${seg('event/with space')}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(event);
    expect((await http.get('/api/events/nope')).status).toBe(404);
    const invalid = await http.get('/api/events/%7F');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.field).toBe('eventId');
  });

  it('GET /api/events/:id/effects pages the events it caused, whatever their correlation id', async () => {
    const [cause] = await append('order/1', [draft('OrderPlaced', {}, { id: 'cause/1 ü' })]);
    const id = String(cause?.id);
    const caused = (correlationId?: string) => ({
      metadata: correlationId === undefined ? { causationId: id } : { causationId: id, correlationId },
    });
    const [inTrace] = await append('payment/1', [draft('PaymentRequested', {}, caused(id))]);
    const [elsewhere] = await append('audit', [draft('Audited', {}, caused('another-trace'))]);
    const [uncorrelated] = await append('mail', [draft('MailQueued', {}, caused())]);
    // Not effects of the cause: an effect of its effect, and an event that is only correlated.
    await append('payment/1', [
      draft('PaymentCaptured', {}, { metadata: { correlationId: id, causationId: String(inTrace?.id) } }),
      draft('Noted', {}, { metadata: { correlationId: id } }),
    ]);
    const [last] = await append('order/1', [draft('OrderConfirmed', {}, caused(id))]);

    const seen: string[] = [];
    let after: number | null = 0;
    let pages = 0;
    while (after !== null && pages < 10) {
      const response = await http.get(`/api/events/${seg(id)}/effects?after=${after}&limit=2`);
      expect(response.status).toBe(200);
      expect(response.body.events.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.events.map((event: { id: string }) => event.id));
      after = response.body.next;
      pages++;
    }
    expect(seen).toEqual([inTrace?.id, elsewhere?.id, uncorrelated?.id, last?.id]);
    expect(pages).toBe(2);
    const all = await http.get(`/api/events/${seg(id)}/effects`);
    expect(all.body.events[1]).toEqual(elsewhere);
    expect(all.body.next).toBeNull();

    expect((await http.get(`/api/events/${seg(String(last?.id))}/effects`)).body).toEqual({
      events: [],
      next: null,
    });
    const unknown = await http.get('/api/events/nope/effects');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const invalid = await http.get('/api/events/%7F/effects');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.field).toBe('eventId');
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['after=x', 'after'],
      ['after=99999999999999999', 'after'],
    ]) {
      const bad = await http.get(`/api/events/${seg(id)}/effects?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field } });
    }
  });

  it('GET /api/events/:id/effects finds effects past the trace limit', async () => {
    const [cause] = await append('long', [draft('Started')]);
    const id = String(cause?.id);
    await append(
      'long',
      Array.from({ length: 60 }, () => draft('Step', {}, { metadata: { correlationId: id } })),
    );
    const [effect] = await append('late', [
      draft('Finished', {}, { metadata: { correlationId: id, causationId: id } }),
    ]);
    const trace = await http.get(`/api/traces/${seg(id)}`);
    expect(trace.body.truncated).toBe(true);
    expect(trace.body.events.map((event: { id: string }) => event.id)).not.toContain(effect?.id);
    const effects = await http.get(`/api/events/${seg(id)}/effects`);
    expect(effects.body.events).toEqual([effect]);
  });

  it('GET /api/traces/:correlationId returns the trace in position order with its causation tree', async () => {
    const [placed] = await append('order/1', [draft('OrderPlaced')]);
    const root = String(placed?.id);
    const follow = (cause: string) => ({ correlationId: root, causationId: cause });
    const [reserved] = await append('inventory/sku-1', [
      draft('StockReserved', {}, { metadata: follow(root) }),
    ]);
    const [paid] = await append('payment/1', [draft('PaymentCaptured', {}, { metadata: follow(root) })]);
    await append('order/1', [draft('OrderPaid', {}, { metadata: follow(String(paid?.id)) })]);
    // Caused by an event outside this trace: a root of its own.
    await append('audit', [
      draft('Noted', {}, { metadata: { correlationId: root, causationId: 'elsewhere' } }),
    ]);
    await append('other', [draft('Unrelated', {}, { metadata: { correlationId: 'another' } })]);

    const response = await http.get(`/api/traces/${seg(root)}`);
    expect(response.status).toBe(200);
    const { events, tree, truncated } = response.body;
    expect(events.map((event: { eventType: string }) => event.eventType)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentCaptured',
      'OrderPaid',
      'Noted',
    ]);
    expect(truncated).toBe(false);
    expect(tree.roots).toEqual([root, events[4].id]);
    const node = (id: unknown) => tree.nodes.find((entry: { eventId: string }) => entry.eventId === id);
    expect(node(root)).toMatchObject({ parentId: null, childIds: [reserved?.id, paid?.id], depth: 0 });
    expect(node(events[3].id)).toMatchObject({ parentId: paid?.id, depth: 2 });
    expect(node(events[4].id)).toMatchObject({ parentId: null, depth: 0 });

    const empty = await http.get('/api/traces/nothing-here');
    expect(empty.body).toMatchObject({ events: [], tree: { roots: [], nodes: [] }, truncated: false });
  });

  it('caps a trace at its limit and says it is truncated', async () => {
    const drafts = Array.from({ length: 60 }, () =>
      draft('Step', {}, { metadata: { correlationId: 'big' } }),
    );
    await append('long', drafts);
    const response = await http.get('/api/traces/big');
    expect(response.body.events).toHaveLength(50);
    expect(response.body).toMatchObject({ truncated: true, limit: 50 });
  });
});
