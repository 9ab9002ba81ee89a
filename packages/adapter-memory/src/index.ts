export { createMemoryBackend, MemoryBackend } from './memory-backend.ts';
export {
  createMemoryEventStore,
  type MemoryEventStore,
  type MemoryEventStoreOptions,
} from './memory-event-store.ts';
