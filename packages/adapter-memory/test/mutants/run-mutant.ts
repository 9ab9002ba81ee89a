import { runConformanceSuite } from '@aether/core/conformance';
import { createMemoryBackend, type MemoryBackend } from '../../src/memory-backend.ts';
import { createMemoryEventStore, type MemoryEventStore } from '../../src/memory-event-store.ts';

/** Turns a correct memory store into a deliberately broken one; `backend` is the storage under it. */
export type Mutation = (store: MemoryEventStore, backend: MemoryBackend) => MemoryEventStore;

export interface MutantOptions {
  /** Every `createStore()` opens a store on one shared backend instead of a fresh one. */
  sharedBackend?: boolean;
}

/** Memory stores through `mutate`, with the reopen and corrupt hooks the suite needs. */
export function mutantHooks(mutate: Mutation, options: MutantOptions = {}) {
  const backends = new WeakMap<MemoryEventStore, MemoryBackend>();
  const shared = createMemoryBackend();
  const openOn = (backend: MemoryBackend) => {
    const store = mutate(createMemoryEventStore({ backend }), backend);
    backends.set(store, backend);
    return store;
  };
  const backendOf = (store: MemoryEventStore) => {
    const backend = backends.get(store);
    if (backend === undefined) throw new Error('not a store of this mutant');
    return backend;
  };
  return {
    createStore: () => openOn(options.sharedBackend ? shared : createMemoryBackend()),
    reopen: (store: MemoryEventStore) => openOn(backendOf(store)),
    corrupt: (store: MemoryEventStore, target: { id: string }) => {
      const record = backendOf(store).namespace('default').byId.get(target.id);
      if (record === undefined) throw new Error(`no record ${target.id} to corrupt`);
      record.text = `{"id":${JSON.stringify(target.id)},"truncated`;
    },
  };
}

/**
 * Registers the whole conformance suite against one mutant. Short timeouts: a memory store answers
 * in milliseconds, and a mutant that never delivers should fail fast.
 */
export async function runMutant(name: string, mutate: Mutation, options: MutantOptions = {}): Promise<void> {
  await runConformanceSuite({ name: `mutant ${name}`, ...mutantHooks(mutate, options), timeoutMs: 3000 });
}
