import type { AetherStore } from '@aether/core';

/** A store on fresh storage, and how to remove that storage once the store is closed. */
export interface OpenedStore {
  store: AetherStore;
  cleanup(): Promise<void>;
}
