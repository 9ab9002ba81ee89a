import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorruptTarget } from '@aether/core/conformance';
import { createFileEventStore, type FileEventStore, type FileEventStoreOptions } from '../src/index.ts';
import { flipBodyByte } from './log-surgery.ts';

/** Temporary directories under the OS temp dir, one per store, removed by `cleanup`. */
export function tempDirectory(label = 'store'): string {
  return mkdtempSync(join(tmpdir(), `aether-fs-${label}-`));
}

const directories = new WeakMap<object, string>();

/** Hooks for the conformance suite: each store in its own temp directory. */
export function conformanceHooks(options: Partial<FileEventStoreOptions> = {}) {
  return {
    async createStore(): Promise<FileEventStore> {
      const directory = tempDirectory();
      const store = await createFileEventStore({ ...options, directory });
      directories.set(store, directory);
      return store;
    },
    async reopen(store: FileEventStore): Promise<FileEventStore> {
      const directory = directories.get(store) as string;
      const other = await createFileEventStore({ ...options, directory });
      directories.set(other, directory);
      return other;
    },
    cleanup(store: FileEventStore): void {
      const directory = directories.get(store);
      if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    },
    async corrupt(store: FileEventStore, target: CorruptTarget): Promise<void> {
      await flipBodyByte(store.path, target.id);
    },
  };
}
