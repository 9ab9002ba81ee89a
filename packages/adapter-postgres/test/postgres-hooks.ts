import type { CorruptTarget } from '@aether/core/conformance';
import { createPostgresEventStore, type PostgresEventStore } from '../src/index.ts';
import { adminClient, createTestStore, databaseUrl, dropSchema } from './helpers.ts';

/**
 * Conformance hooks for Postgres stores: each `createStore` is a fresh schema (the namespace);
 * `reopen` opens another pool on the same schema; `corrupt` overwrites the event's `data` with a
 * JSON array, which the decoder refuses (data must be an object); `cleanup` drops the schema.
 */
export const postgresHooks = {
  createStore: () => createTestStore(),
  reopen: (store: PostgresEventStore) =>
    createPostgresEventStore({ connectionString: databaseUrl(), schema: store.schema, pollIntervalMs: 200 }),
  corrupt: async (store: PostgresEventStore, target: CorruptTarget) => {
    const sql = adminClient();
    try {
      const rows = await sql.unsafe(
        `UPDATE "${store.schema}".events SET data = '["damaged"]' WHERE id = $1`,
        [target.id],
      );
      if (rows.count !== 1) throw new Error(`no event ${target.id} to corrupt`);
    } finally {
      await sql.end();
    }
  },
  cleanup: (store: PostgresEventStore) => dropSchema(store.schema),
};
