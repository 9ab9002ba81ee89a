import { runConformanceSuite } from '@aether/core/conformance';
import { createMemoryBackend, type MemoryBackend } from './memory-backend.ts';
import { createMemoryEventStore, type MemoryEventStore } from './memory-event-store.ts';

// Which backend each store sits on: `reopen` opens another store on it, `corrupt` damages a record there.
const backends = new WeakMap<MemoryEventStore, MemoryBackend>();

function openOn(backend: MemoryBackend): MemoryEventStore {
  const store = createMemoryEventStore({ backend });
  backends.set(store, backend);
  return store;
}

function backendOf(store: MemoryEventStore): MemoryBackend {
  const backend = backends.get(store);
  if (backend === undefined) throw new Error('not a store of this test');
  return backend;
}

await runConformanceSuite({
  name: 'memory',
  createStore: () => openOn(createMemoryBackend()),
  reopen: (store) => openOn(backendOf(store)),
  corrupt: (store, target) => {
    const record = backendOf(store).namespace('default').byId.get(target.id);
    if (record === undefined) throw new Error(`no record ${target.id} to corrupt`);
    // One record object is shared by the log and every index, so this damages it everywhere.
    record.text = `{"id":${JSON.stringify(target.id)},"truncated`;
  },
});
