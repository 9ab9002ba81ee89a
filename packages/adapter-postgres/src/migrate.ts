import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { ReservedSql, Sql } from 'postgres';

/** The SQL migrations drizzle-kit generated, shipped in the package. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));
/** Drizzle's bookkeeping table, kept inside the store's own schema. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** `when` of the newest shipped migration: a schema whose bookkeeping is older needs migrating. */
export function latestMigrationMillis(): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * What Drizzle's migrator needs of a postgres.js client, bound to one connection that is already
 * inside our transaction. `begin` runs inline (Drizzle's own transaction becomes part of ours), and
 * Drizzle's parser tweaks land on a copy of the options, never on the caller's client.
 */
function inTransaction(connection: ReservedSql, options: Sql['options']): Sql {
  const facade = {
    options: { ...options, parsers: { ...options.parsers }, serializers: { ...options.serializers } },
    unsafe: (query: string, params?: unknown[], queryOptions?: object) =>
      connection.unsafe(query, params as never, queryOptions),
    begin: async (fn: (sql: unknown) => unknown) => fn(facade),
  };
  return facade as unknown as Sql;
}

/**
 * Creates the schema and applies the shipped migrations, all in one transaction under an advisory
 * lock per schema: of several processes migrating at once, one applies, the others wait and then
 * find nothing to do. A failure rolls everything back.
 */
export async function migrateSchema(
  client: Sql,
  schema: string,
  migrationsFolder = MIGRATIONS_FOLDER,
): Promise<void> {
  const connection = await client.reserve();
  try {
    await connection.unsafe('BEGIN');
    try {
      await connection.unsafe('SET LOCAL client_min_messages TO warning');
      await connection.unsafe('SELECT pg_advisory_xact_lock(hashtext($1::text))', [
        `aether.migrate.${schema}`,
      ]);
      await connection.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      // The generated SQL names its tables without a schema: they land in this one.
      await connection.unsafe(`SET LOCAL search_path TO "${schema}"`);
      await migrate(drizzle(inTransaction(connection, client.options)), {
        migrationsFolder,
        migrationsSchema: schema,
        migrationsTable: MIGRATIONS_TABLE,
      });
      await connection.unsafe('COMMIT');
    } catch (error) {
      await connection.unsafe('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    connection.release();
  }
}

/**
 * Why the schema cannot serve a store (not migrated, behind the package, not UTF-8), or `null`.
 * One round trip at store creation.
 */
export async function checkSchema(client: Sql, schema: string): Promise<string | null> {
  const [row] = await client
    .unsafe(
      `SELECT current_setting('server_encoding'),
       to_regclass($1::text) IS NOT NULL, to_regclass($2::text) IS NOT NULL`,
      [`"${schema}".events`, `"${schema}".${MIGRATIONS_TABLE}`],
      { prepare: false },
    )
    .values();
  const [encoding, hasTables, hasJournal] = row ?? [];
  if (encoding !== 'UTF8') return `the database encoding is ${String(encoding)}; Aether needs UTF8`;
  if (hasTables !== true || hasJournal !== true) {
    return `schema "${schema}" has no Aether tables; create the store with migrate: true once`;
  }
  const [applied] = await client
    .unsafe(`SELECT coalesce(max(created_at), 0)::text FROM "${schema}".${MIGRATIONS_TABLE}`, [], {
      prepare: false,
    })
    .values();
  if (Number(applied?.[0]) < latestMigrationMillis()) {
    return `schema "${schema}" is behind this version of @aether/adapter-postgres; create the store with migrate: true`;
  }
  return null;
}
