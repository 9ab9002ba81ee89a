import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMemoryEventStore } from '@aether/adapter-memory';
import type { AetherStore } from '@aether/core';
import { inject } from 'vitest';
import { openStore } from '../src/store-from-env.ts';

export interface StoreKind {
  name: string;
  /** A fresh, empty store and how to remove what it left behind. */
  open(): Promise<{ store: AetherStore; cleanup(): Promise<void> }>;
}

const memory: StoreKind = {
  name: 'memory',
  async open() {
    const store = createMemoryEventStore();
    return { store, cleanup: async () => store.close() };
  },
};

const fs: StoreKind = {
  name: 'fs',
  async open() {
    const directory = await mkdtemp(path.join(tmpdir(), 'aether-api-fs-'));
    const store = await openStore({ kind: 'fs', directory });
    return {
      store,
      async cleanup() {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  },
};

let schemaCounter = 0;

function postgres(connectionString: string): StoreKind {
  return {
    name: 'postgres',
    async open() {
      // One schema per store: the adapter's namespace, so tests never see each other's events.
      const schema = `api_test_${process.pid}_${++schemaCounter}`;
      const { createPostgresEventStore } = await import('@aether/adapter-postgres');
      const store = await createPostgresEventStore({ connectionString, schema, migrate: true });
      return { store, cleanup: async () => store.close() };
    },
  };
}

/**
 * The stores the HTTP tests run over: memory, fs, and postgres (`DATABASE_URL`, or the embedded
 * server of the global setup).
 */
export function storeKinds(): StoreKind[] {
  return [memory, fs, postgres(inject('databaseUrl'))];
}
