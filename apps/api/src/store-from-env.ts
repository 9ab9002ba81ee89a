import path from 'node:path';
import { createMemoryEventStore } from '@aether/adapter-memory';
import type { AetherStore } from '@aether/core';

/** Where the console's events live, from `AETHER_STORE` or `--store`. */
export type StoreSpec =
  | { kind: 'memory' }
  | { kind: 'fs'; directory: string }
  | { kind: 'postgres'; connectionString: string };

/** The default store: a file store under the working directory. */
export const DEFAULT_STORE_DIR = '.aether/data';

/**
 * Reads a store spec: `memory`, `fs:<dir>` (relative to `cwd`) or a `postgres://` /
 * `postgresql://` URL. Empty or absent means a file store under `./.aether/data`.
 */
export function parseStoreSpec(spec: string | undefined, cwd: string = process.cwd()): StoreSpec {
  const text = spec?.trim() ?? '';
  if (text === '') return { kind: 'fs', directory: path.resolve(cwd, DEFAULT_STORE_DIR) };
  if (text === 'memory') return { kind: 'memory' };
  if (text.startsWith('fs:')) {
    const directory = text.slice(3);
    if (directory === '') throw new Error('AETHER_STORE=fs:<dir> needs a directory');
    return { kind: 'fs', directory: path.resolve(cwd, directory) };
  }
  if (/^postgres(ql)?:\/\//.test(text)) return { kind: 'postgres', connectionString: text };
  throw new Error(
    `unknown store ${JSON.stringify(text)}: use memory, fs:<dir> or postgres://user:password@host:port/database`,
  );
}

/** How a spec is shown in logs and `/api/health`: never a password. */
export function describeStore(spec: StoreSpec): string {
  switch (spec.kind) {
    case 'memory':
      return 'memory';
    case 'fs':
      return `fs:${spec.directory}`;
    case 'postgres': {
      try {
        const url = new URL(spec.connectionString);
        if (url.password !== '') url.password = '***';
        return url.toString();
      } catch {
        return 'postgres';
      }
    }
  }
}

/** Opens the store a spec names; postgres applies its migrations first. */
export async function openStore(spec: StoreSpec): Promise<AetherStore> {
  // Adapters load on demand: a console on one backend never loads the drivers of the others.
  switch (spec.kind) {
    case 'memory':
      return createMemoryEventStore();
    case 'fs': {
      const { createFileEventStore } = await import('@aether/adapter-fs');
      return await createFileEventStore({ directory: spec.directory });
    }
    case 'postgres': {
      const { createPostgresEventStore } = await import('@aether/adapter-postgres');
      return await createPostgresEventStore({ connectionString: spec.connectionString, migrate: true });
    }
  }
}

/** The store `AETHER_STORE` names (default: a file store under `./.aether/data`). */
export async function storeFromEnv(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Promise<{ store: AetherStore; spec: StoreSpec }> {
  const spec = parseStoreSpec(env.AETHER_STORE, cwd);
  return { store: await openStore(spec), spec };
}
