import { writeFileSync } from 'node:fs';
import { createEvent, isAetherError } from '@aether/core';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from '../src/index.ts';
import { openStore, removeDatabase, tempDatabase } from './temp-files.ts';

const opened: SqliteEventStore[] = [];
const files: string[] = [];

function database(): string {
  const file = tempDatabase();
  files.push(file);
  return file;
}

function open(filename: string, namespace?: string, busyTimeoutMs?: number): SqliteEventStore {
  const store = openStore({ filename, namespace, busyTimeoutMs });
  opened.push(store);
  return store;
}

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const file of files.splice(0)) removeDatabase(file);
});

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const event = (actorId: string, version: number) =>
  createEvent({ actorId, eventType: 'Tested', version, data: { version } });

describe('createSqliteEventStore', () => {
  it('rejects bad options with INVALID_ARGUMENT naming the option', () => {
    const file = database();
    for (const [options, path] of [
      [{ filename: '' }, 'filename'],
      [{ filename: file, namespace: '' }, 'namespace'],
      [{ filename: file, pollIntervalMs: 0 }, 'pollIntervalMs'],
      [{ filename: file, busyTimeoutMs: 1.5 }, 'busyTimeoutMs'],
    ] as const) {
      const error = errorOf(() => createSqliteEventStore(options));
      expect(isAetherError(error, 'INVALID_ARGUMENT'), path).toBe(true);
      expect((error as { path?: string }).path).toBe(path);
    }
  });

  it('keeps namespaces of one file apart, and a namespace reopened finds its own events', async () => {
    const file = database();
    const blue = open(file, 'blue');
    const green = open(file, 'green');
    const saved = await blue.saveEvent(event('actor-a', 1));
    await green.saveEvent(event('actor-a', 5));

    expect((await blue.getEvents('actor-a')).map((e) => e.version)).toEqual([1]);
    expect((await green.getEvents('actor-a')).map((e) => e.version)).toEqual([5]);
    expect(await green.getEventById(saved.id)).toBeNull();
    expect((await blue.readAll()).events.map((e) => e.id)).toEqual([saved.id]);
    expect(await open(file, 'blue').getEvents('actor-a')).toEqual([saved]);
  });

  it('reports a file that is not a database as STORE_UNAVAILABLE with the driver error as cause', () => {
    const file = database();
    writeFileSync(file, 'this is not an SQLite file, just text long enough to have a header...');
    const error = errorOf(() => createSqliteEventStore({ filename: file }));
    expect(isAetherError(error, 'STORE_UNAVAILABLE')).toBe(true);
    expect((error as Error).cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('gives up on a write lock held too long with STORE_UNAVAILABLE and writes nothing', async () => {
    const file = database();
    const store = open(file, undefined, 50);
    await store.saveEvent(event('actor-a', 1));
    // Another connection (as another process would) holds the write lock.
    const other = new Database(file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const blocked = await store.saveEvent(event('actor-a', 2)).catch((error: unknown) => error);
      expect(isAetherError(blocked, 'STORE_UNAVAILABLE')).toBe(true);
      expect((blocked as Error).cause).toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(await store.getLatestVersion('actor-a')).toBe(1);
    expect((await store.saveEvent(event('actor-a', 2))).version).toBe(2);
  });
});
