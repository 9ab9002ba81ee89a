import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorruptTarget } from '@aether/core/conformance';
import { afterEach } from 'vitest';
import { createFileEventStore, type FileEventStore, type FileEventStoreOptions } from '../src/index.ts';
import type { RecoveryEvent } from '../src/recovery.ts';
import { flipBodyByte } from './log-surgery.ts';

/** A temporary directory under the OS temp dir. */
export function tempDirectory(label = 'store'): string {
  return mkdtempSync(join(tmpdir(), `aether-fs-${label}-`));
}

/**
 * For a test file: temp directories and stores that are closed and removed after each test.
 * `open` records every recovery event of the stores it opens in `recoveries`.
 */
export function useTempStores() {
  const directories: string[] = [];
  const stores: FileEventStore[] = [];
  const recoveries: RecoveryEvent[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
    recoveries.splice(0);
  });
  return {
    recoveries,
    directory(label?: string): string {
      const directory = tempDirectory(label);
      directories.push(directory);
      return directory;
    },
    async open(directory: string, options: Partial<FileEventStoreOptions> = {}): Promise<FileEventStore> {
      const store = await createFileEventStore({
        ...options,
        directory,
        onRecovery: (event) => recoveries.push(event),
      });
      stores.push(store);
      return store;
    },
  };
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
