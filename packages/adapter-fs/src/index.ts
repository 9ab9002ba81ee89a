export { createFileEventStore, type FileEventStore } from './file-event-store.ts';
export { namespaceDirectoryName } from './namespace-path.ts';
export type { FileEventStoreOptions } from './options.ts';
export type { RecoveryEvent, RecoveryReport } from './recovery.ts';
