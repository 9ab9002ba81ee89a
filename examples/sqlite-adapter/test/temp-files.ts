import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from '../src/index.ts';

// Which file each store of a test uses, so that hooks can reopen, damage and remove it.
const files = new WeakMap<SqliteEventStore, string>();

/** A database path in a new temporary directory. */
export function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'aether-sqlite-')), 'events.db');
}

export function openStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const store = createSqliteEventStore(options);
  files.set(store, options.filename);
  return store;
}

export function fileOf(store: SqliteEventStore): string {
  const file = files.get(store);
  if (file === undefined) throw new Error('not a store opened by openStore()');
  return file;
}

export function removeDatabase(filename: string): void {
  rmSync(dirname(filename), { recursive: true, force: true });
}
