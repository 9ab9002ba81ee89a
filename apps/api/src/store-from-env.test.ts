import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStore, parseStoreSpec, storeFromEnv } from './store-from-env.ts';

describe('AETHER_STORE', () => {
  it('defaults to a file store under ./.aether/data', () => {
    expect(parseStoreSpec(undefined, '/work/x')).toEqual({ kind: 'fs', directory: '/work/x/.aether/data' });
    expect(parseStoreSpec('  ', '/work/x')).toEqual({ kind: 'fs', directory: '/work/x/.aether/data' });
  });

  it('reads memory, fs:<dir> (relative to the working directory) and postgres URLs', () => {
    expect(parseStoreSpec('memory')).toEqual({ kind: 'memory' });
    expect(parseStoreSpec('fs:data/events', '/srv')).toEqual({ kind: 'fs', directory: '/srv/data/events' });
    expect(parseStoreSpec('fs:/var/lib/aether', '/srv')).toEqual({
      kind: 'fs',
      directory: '/var/lib/aether',
    });
    for (const url of ['postgres://u:p@localhost:5432/db', 'postgresql://localhost/db']) {
      expect(parseStoreSpec(url)).toEqual({ kind: 'postgres', connectionString: url });
    }
  });

  it('refuses anything else with a message that lists the choices', () => {
    expect(() => parseStoreSpec('mysql://x')).toThrow(/memory, fs:<dir> or postgres/);
    expect(() => parseStoreSpec('fs:')).toThrow(/directory/);
  });

  it('never shows a password', () => {
    const shown = describeStore({
      kind: 'postgres',
      connectionString: 'postgres://app:s3cret@db:5432/events',
    });
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain('db:5432/events');
  });

  it('opens the store it names', async () => {
    const { store, spec } = await storeFromEnv({ AETHER_STORE: 'memory' });
    expect(spec.kind).toBe('memory');
    await store.appendEvents('a', [{ eventType: 'T', data: {} }]);
    expect(await store.getLatestVersion('a')).toBe(1);
    await store.close();

    const directory = await mkdtemp(path.join(tmpdir(), 'aether-env-'));
    try {
      const fs = await storeFromEnv({ AETHER_STORE: 'fs:store' }, directory);
      expect(fs.spec).toEqual({ kind: 'fs', directory: path.join(directory, 'store') });
      await fs.store.appendEvents('a', [{ eventType: 'T', data: {} }]);
      await fs.store.close();
      const again = await storeFromEnv({ AETHER_STORE: 'fs:store' }, directory);
      expect(await again.store.getLatestVersion('a')).toBe(1);
      await again.store.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
