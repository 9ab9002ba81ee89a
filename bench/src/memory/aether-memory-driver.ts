import { createMemoryEventStore } from '@aether/adapter-memory';
import { aetherDriver } from '../aether-driver.ts';
import type { Driver } from '../driver.ts';
import type { OpenedStore } from '../opened-store.ts';

/** Our reference adapter: validates, copies in and out, keeps records as JSON text. */
export async function openMemoryStore(): Promise<OpenedStore> {
  return { store: createMemoryEventStore(), cleanup: async () => {} };
}

export async function openAetherMemory(): Promise<Driver> {
  return aetherDriver(await openMemoryStore());
}
