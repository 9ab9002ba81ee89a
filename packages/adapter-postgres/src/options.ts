import { AetherError, ErrorCode, type ValidationOptions } from '@aether/core';
import type { Sql } from 'postgres';

/** Options of `createPostgresEventStore`. Give `connectionString` or `client`, not both. */
export interface PostgresEventStoreOptions extends ValidationOptions {
  /** A `postgres://` URL; the store opens (and on `close()` ends) its own pool. Default: `DATABASE_URL`. */
  connectionString?: string;
  /** A postgres.js client owned by the caller: the store uses it and never ends it. */
  client?: Sql;
  /** The Postgres schema holding the store's tables: the namespace. Default `'aether'`. */
  schema?: string;
  /** Create the schema and apply the shipped migrations (safe from several processes at once). Default `false`. */
  migrate?: boolean;
  /** How often a subscription re-reads when no NOTIFY arrived, in ms. Default 1000. */
  pollIntervalMs?: number;
}

export const DEFAULT_SCHEMA = 'aether';
export const DEFAULT_POLL_INTERVAL_MS = 1000;

// Letters, digits and underscores, at most 63 bytes (NAMEDATALEN - 1); `pg_` is reserved by Postgres.
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function invalid(path: string, reason: string): AetherError {
  return new AetherError(ErrorCode.INVALID_ARGUMENT, `${path} ${reason}`, { path });
}

/** Checks a schema name (it becomes a quoted identifier in every statement). */
export function validateSchemaName(schema: unknown): string {
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    throw invalid('schema', 'must be 1-63 letters, digits or underscores, not starting with a digit');
  }
  if (schema.toLowerCase().startsWith('pg_')) throw invalid('schema', 'must not start with pg_ (reserved)');
  return schema;
}

export function validatePollInterval(value: unknown): number {
  if (value === undefined) return DEFAULT_POLL_INTERVAL_MS;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalid('pollIntervalMs', `must be a positive integer, got ${String(value)}`);
  }
  return value;
}
