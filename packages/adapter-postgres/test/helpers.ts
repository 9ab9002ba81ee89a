import { randomBytes } from 'node:crypto';
import postgres, { type Sql } from 'postgres';
import { inject } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore } from '../src/index.ts';
import type { PostgresEventStoreOptions } from '../src/options.ts';

export function databaseUrl(): string {
  return inject('databaseUrl');
}

/** A schema name no other test uses. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
}

/** A small client of the test's own, for setup, inspection and damage. End it after use. */
export function adminClient(): Sql {
  return postgres(databaseUrl(), { max: 3, onnotice: () => {} });
}

/** A migrated store in a fresh schema. */
export async function createTestStore(options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
  return createPostgresEventStore({
    connectionString: databaseUrl(),
    schema: uniqueSchema(),
    migrate: true,
    pollIntervalMs: 200,
    ...options,
  });
}

export async function dropSchema(schema: string): Promise<void> {
  const sql = adminClient();
  try {
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await sql.end();
  }
}

/** Resolves when `check` returns true, polling; rejects after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
