export { createFileEventStore, type FileEventStore } from './file-event-store.ts';
export type { FileEventStoreOptions } from './options.ts';
export type { RecoveryEvent, RecoveryReport } from './recovery.ts';
