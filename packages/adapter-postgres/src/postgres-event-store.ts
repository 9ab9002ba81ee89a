import { AetherError, type AetherStore, ErrorCode } from '@aether/core';
import type { PostgresEventStoreOptions } from './options.ts';

/** An Aether store on PostgreSQL: the whole contract plus the schema it lives in. */
export interface PostgresEventStore extends AetherStore {
  /** The Postgres schema (namespace) holding this store's tables. */
  readonly schema: string;
}

/** Opens a store on PostgreSQL; with `migrate: true` it first creates or upgrades its schema. */
export async function createPostgresEventStore(
  _options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  throw new AetherError(ErrorCode.NOT_SUPPORTED, 'the postgres adapter is not implemented yet');
}
