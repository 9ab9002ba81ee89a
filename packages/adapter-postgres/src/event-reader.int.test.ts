import { randomUUID } from 'node:crypto';
import { createEvent, isAetherError, type RecordedEvent } from '@aether/core';
import type { Sql } from 'postgres';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { adminClient, createTestStore, dropSchema, waitUntil } from '../test/helpers.ts';
import { postgresHooks } from '../test/postgres-hooks.ts';
import { createEventReader } from './event-reader.ts';
import type { PostgresEventStore } from './postgres-event-store.ts';
import { createQueryRunner } from './query-runner.ts';
import { buildStatements } from './statements.ts';

const stores: PostgresEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) {
    await store.close();
    await dropSchema(store.schema);
  }
});

async function freshStore() {
  const store = await createTestStore();
  stores.push(store);
  return store;
}

const event = (actorId: string, version: number, extra: Partial<RecordedEvent> = {}) =>
  createEvent({ actorId, eventType: 'T', version, data: {}, ...extra });

/**
 * Another writer: saves event 1 of actor 'slow' in a transaction it leaves open, holding its
 * position (and its published position bound) until the caller commits on `slow`.
 */
async function saveInOpenTransaction(sql: Sql, schema: string) {
  const slow = await sql.reserve();
  await slow.unsafe('BEGIN');
  const [held] = await slow.unsafe(buildStatements(schema).saveOne, [
    randomUUID(),
    'slow',
    1,
    'T',
    null,
    '{}',
    null,
    new Date().toISOString(),
  ]);
  return { slow, position: Number(held?.position) };
}

describe('readAll and subscribe are gap-safe', () => {
  it('hold back an event committed above a position that a running transaction still holds', async () => {
    const store = await freshStore();
    const seen: number[] = [];
    const subscription = store.subscribe({}, (recorded) => {
      seen.push(recorded.position);
    });
    // Another writer reserves the next position and is still running when a later save commits.
    const sql = adminClient();
    onTestFinished(() => sql.end({ timeout: 1 }));
    const { slow, position: heldPosition } = await saveInOpenTransaction(sql, store.schema);
    const fast = await store.saveEvent(event('fast', 1));
    expect(fast.position).toBeGreaterThan(heldPosition);

    // readAll waits a while for the running transaction, then returns only what is safe: nothing.
    expect((await store.readAll()).events).toEqual([]);
    expect(seen).toEqual([]);

    await slow.unsafe('COMMIT');
    slow.release();
    const { events } = await store.readAll();
    expect(events.map((e) => e.actorId)).toEqual(['slow', 'fast']);
    await waitUntil(() => seen.length === 2, 10_000, 'the subscriber to see both events');
    expect(seen).toEqual(events.map((e) => e.position));
    await subscription.close();
  });

  it('wait for a writer of this schema holding a lower position when it commits soon', async () => {
    const store = await freshStore();
    const sql = adminClient();
    onTestFinished(() => sql.end({ timeout: 1 }));
    const { slow } = await saveInOpenTransaction(sql, store.schema);
    const fast = await store.saveEvent(event('fast', 1));
    setTimeout(() => slow.unsafe('COMMIT').execute(), 200);
    const { events } = await store.readAll();
    expect(events.map((e) => e.actorId)).toEqual(['slow', 'fast']);
    expect(events[1]?.id).toBe(fast.id);
    slow.release();
  });

  it('are not held back by older transactions that are not writers of this schema', async () => {
    const store = await freshStore();
    const sql = adminClient();
    onTestFinished(() => sql.end({ timeout: 1 }));
    const other = await sql.reserve();
    // An unrelated write transaction, older than the save below, still open throughout.
    await other.unsafe('BEGIN');
    await other.unsafe('SELECT pg_current_xact_id()');
    const delivered: string[] = [];
    const subscription = store.subscribe({}, (recorded) => {
      delivered.push(recorded.id);
    });
    const saved = await store.saveEvent(event('a', 1));
    expect((await store.readAll()).events.map((e) => e.id)).toEqual([saved.id]);
    await waitUntil(() => delivered.length === 1, 10_000, 'the subscriber to see the event');
    const [still] =
      await sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'idle in transaction'`;
    expect(still?.n).toBeGreaterThan(0);
    await subscription.close();
    await other.unsafe('ROLLBACK');
    other.release();
  });

  it('use the clock on a standby: a position is read once every transaction running when it was seen has ended', async () => {
    const store = await freshStore();
    const sql = adminClient();
    onTestFinished(() => sql.end({ timeout: 1 }));
    // The standby's rule, run on this primary: it must not rely on the primary's locks.
    const reader = createEventReader(createQueryRunner(sql), buildStatements(store.schema), {
      clockOnly: true,
    });
    const { slow, position: heldPosition } = await saveInOpenTransaction(sql, store.schema);
    const fast = await store.saveEvent(event('fast', 1));
    expect(fast.position).toBeGreaterThan(heldPosition);

    const early = await reader.readAll(0, 100, undefined, 300);
    expect(early.events).toEqual([]);
    expect(early.heldBack).toBe(true);

    await slow.unsafe('COMMIT');
    slow.release();
    const page = await reader.readAll(0, 100, undefined, 1000);
    expect(page.events.map((e) => e.actorId)).toEqual(['slow', 'fast']);
    expect(page.heldBack).toBe(false);

    // Unlike the primary's rule, any transaction with an id holds it back (a standby cannot tell
    // this schema's writers from others).
    const other = await sql.reserve();
    await other.unsafe('BEGIN');
    await other.unsafe('SELECT pg_current_xact_id()');
    await store.saveEvent(event('late', 1));
    const after = page.next ?? (page.events.at(-1)?.position as number);
    expect((await reader.readAll(after, 100, undefined, 200)).events).toEqual([]);
    expect((await store.readAll({ after })).events.map((e) => e.actorId)).toEqual(['late']);
    await other.unsafe('ROLLBACK');
    other.release();
    const late = await reader.readAll(after, 100, undefined, 1000);
    expect(late.events.map((e) => e.actorId)).toEqual(['late']);
  });

  it('filters by event type with the same cursor rules', async () => {
    const store = await freshStore();
    for (let version = 1; version <= 6; version++) {
      await store.saveEvent(event('a', version, { eventType: version % 2 === 0 ? 'Even' : 'Odd' }));
    }
    const first = await store.readAll({ eventTypes: ['Even'], limit: 2 });
    expect(first.events.map((e) => e.version)).toEqual([2, 4]);
    expect(first.next).toBe(first.events[1]?.position);
    const second = await store.readAll({ eventTypes: ['Even'], after: first.next as number, limit: 2 });
    expect(second.events.map((e) => e.version)).toEqual([6]);
    expect(second.next).toBeNull();
  });
});

describe('reads', () => {
  it('round-trips numbers, strings and timestamps exactly', async () => {
    const store = await freshStore();
    const data = {
      tiny: 5e-324,
      huge: 1e308,
      max: Number.MAX_VALUE,
      tenth: 0.1,
      negative: -123.456e-7,
      big: 12345678901234567000,
      separators: 'line\u2028paragraph\u2029end',
      astral: '𝄞 😀 \u{10FFFF}',
      escapes: '"\\/\b\f\n\r\t',
      nested: { list: [null, true, false, [], {}], empty: '' },
      __proto__key: { ['__proto__']: 1 },
    };
    const saved = [
      await store.saveEvent(event('a', 1, { data, metadata: { correlationId: 'c\u2028😀' } })),
      await store.saveEvent(event('a', 2, { timestamp: new Date('0001-01-01T00:00:00.000Z') })),
      await store.saveEvent(
        event('a', 3, { timestamp: new Date('9999-12-31T23:59:59.999Z'), commandId: 'cmd' }),
      ),
    ];
    const read = await store.getEvents('a');
    expect(read).toEqual(saved);
    expect(Object.is(read[0]?.data.tiny, 5e-324)).toBe(true);
    expect(read[0]?.data.separators).toBe('line\u2028paragraph\u2029end');
    expect(await store.getEventById(saved[2]?.id as string)).toEqual(saved[2]);
  });

  it('finds metadata values longer than an index entry can hold, and non-standard keys', async () => {
    const store = await freshStore();
    const long = 'x'.repeat(300_000);
    const longSibling = `${'x'.repeat(299_999)}y`; // same indexed prefix, different value
    const a = await store.saveEvent(event('a', 1, { metadata: { correlationId: long, tenant: 't1' } }));
    await store.saveEvent(event('a', 2, { metadata: { correlationId: longSibling, tenant: 't2' } }));
    expect((await store.findByMetadata('correlationId', long)).events.map((e) => e.id)).toEqual([a.id]);
    expect((await store.findByMetadata('tenant', 't1')).events.map((e) => e.id)).toEqual([a.id]);
  });

  it('pages listActors in code point order, with LIKE characters in the prefix taken literally', async () => {
    const store = await freshStore();
    const ids = ['a%b', 'a_b', 'aXb', 'a\\b', 'z\uFFFD', 'z😀', 'z\uE000'];
    for (const id of ids) await store.saveEvent(event(id, 1));
    const all = await store.listActors({ limit: 100 });
    expect(all.actors.map((a) => a.actorId)).toEqual([
      'a%b',
      'aXb',
      'a\\b',
      'a_b',
      'z\uE000',
      'z\uFFFD',
      'z😀',
    ]);
    expect((await store.listActors({ prefix: 'a%' })).actors.map((a) => a.actorId)).toEqual(['a%b']);
    expect((await store.listActors({ prefix: 'a_' })).actors.map((a) => a.actorId)).toEqual(['a_b']);
    expect((await store.listActors({ prefix: 'a\\' })).actors.map((a) => a.actorId)).toEqual(['a\\b']);
    const page = await store.listActors({ prefix: 'z', limit: 2 });
    expect(page.actors.map((a) => a.actorId)).toEqual(['z\uE000', 'z\uFFFD']);
    expect(
      (await store.listActors({ prefix: 'z', after: page.next as string })).actors.map((a) => a.actorId),
    ).toEqual(['z😀']);
  });
});

describe('corrupt rows', () => {
  it('are reported by getEventsWithErrors with the row as JSON, and refused by plain reads', async () => {
    const store = await freshStore();
    const good = await store.saveEvent(event('a', 1, { data: { ok: true } }));
    const bad = await store.saveEvent(event('a', 2, { data: { ok: false } }));
    await postgresHooks.corrupt(store, bad);
    const { events, errors } = await store.getEventsWithErrors('a');
    expect(events).toEqual([good]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toBe(bad.position);
    expect(JSON.parse(errors[0]?.raw as string)).toMatchObject({ id: bad.id, version: 2, data: ['damaged'] });
    expect(isAetherError(errors[0]?.cause, 'CORRUPT_RECORD')).toBe(true);
    await expect(store.getEvents('a')).rejects.toMatchObject({ code: 'CORRUPT_RECORD' });
    await expect(store.getEventById(bad.id)).rejects.toMatchObject({ code: 'CORRUPT_RECORD' });
  });

  it('also covers a timestamp beyond what JavaScript dates hold and metadata that is not strings', async () => {
    const store = await freshStore();
    const first = await store.saveEvent(event('a', 1));
    const second = await store.saveEvent(event('a', 2, { metadata: { userId: 'u' } }));
    const sql = adminClient();
    await sql.unsafe(`UPDATE "${store.schema}".events SET "timestamp" = '290000-01-01' WHERE id = $1`, [
      first.id,
    ]);
    await sql.unsafe(`UPDATE "${store.schema}".events SET metadata = '{"userId": 7}' WHERE id = $1`, [
      second.id,
    ]);
    await sql.end();
    const { events, errors } = await store.getEventsWithErrors('a');
    expect(events).toEqual([]);
    expect(errors.map((error) => error.position)).toEqual([first.position, second.position]);
  });
});
