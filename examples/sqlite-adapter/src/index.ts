export type { SqliteEventStoreOptions } from './options.ts';
export { createSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.ts';
