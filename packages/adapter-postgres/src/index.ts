export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_SCHEMA,
  type PostgresEventStoreOptions,
  validateSchemaName,
} from './options.ts';
export { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.ts';
export { aetherTables, METADATA_INDEX_PREFIX } from './tables.ts';
