import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test/temp-store.ts';
import { FileLock, LOCK_FILE } from './file-lock.ts';
import { namespaceDirectoryName } from './namespace-path.ts';
import { currentProcess } from './process-identity.ts';

const stores = useTempStores();

/** A namespace directory holding a lock file with `content`, as a crashed or live holder leaves it. */
function lockedDirectory(content: string): { directory: string; lockPath: string } {
  const directory = stores.directory('lock');
  const namespaceDir = join(directory, namespaceDirectoryName('default'));
  mkdirSync(namespaceDir, { recursive: true });
  const lockPath = join(namespaceDir, LOCK_FILE);
  writeFileSync(lockPath, content);
  return { directory, lockPath };
}

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('the inter-process write lock', () => {
  it('breaks the lock of a process that no longer runs at once, and reports it', async () => {
    const pid = deadPid();
    const { directory, lockPath } = lockedDirectory(
      JSON.stringify({ pid, host: hostname(), startTime: null, token: 'dead', at: Date.now() }),
    );
    const started = performance.now();
    const store = await stores.open(directory, { lockTimeoutMs: 20_000 });
    await store.appendEvents('actor-a', [{ eventType: 'After', data: {} }]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(stores.recoveries).toEqual([
      { kind: 'stale-lock-broken', pid, reason: `process ${pid} no longer runs` },
    ]);
    await store.close();
    expect(existsSync(lockPath)).toBe(false);
  });

  it('breaks a lock file left empty by a holder that died creating it, once it is old', async () => {
    const { directory, lockPath } = lockedDirectory('');
    const past = new Date(Date.now() - 60_000);
    utimesSync(lockPath, past, past);
    await stores.open(directory, { lockTimeoutMs: 20_000 });
    expect(stores.recoveries.map((event) => event.kind)).toEqual(['stale-lock-broken']);
  });

  it('waits for a live holder and gives up with STORE_UNAVAILABLE, leaving its lock alone', async () => {
    const me = currentProcess();
    const content = JSON.stringify({
      pid: me.pid,
      host: me.host,
      startTime: me.startTime,
      token: 'alive',
      at: Date.now(),
    });
    const { directory, lockPath } = lockedDirectory(content);
    const started = performance.now();
    await expect(stores.open(directory, { lockTimeoutMs: 300 })).rejects.toSatisfy((error) =>
      isAetherError(error, 'STORE_UNAVAILABLE'),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(readFileSync(lockPath, 'utf8')).toBe(content);
  });

  it('treats a recent lock of another host as held, an old one as stale', async () => {
    const info = { pid: 1, host: `not-${hostname()}`, startTime: null, token: 'remote', at: Date.now() };
    const fresh = lockedDirectory(JSON.stringify(info));
    await expect(stores.open(fresh.directory, { lockTimeoutMs: 200 })).rejects.toSatisfy((error) =>
      isAetherError(error, 'STORE_UNAVAILABLE'),
    );
    const old = lockedDirectory(JSON.stringify(info));
    const past = new Date(Date.now() - 120_000);
    utimesSync(old.lockPath, past, past);
    await stores.open(old.directory, { lockTimeoutMs: 2_000 });
    expect(stores.recoveries.map((event) => event.kind)).toEqual(['stale-lock-broken']);
  });

  it('lets two stores of one process take turns without starving either', async () => {
    const directory = stores.directory('turns');
    const [left, right] = [await stores.open(directory), await stores.open(directory)] as const;
    const write = async (store: typeof left, actorId: string) => {
      for (let n = 0; n < 40; n++) await store.appendEvents(actorId, [{ eventType: 'Turn', data: { n } }]);
    };
    await Promise.all([
      write(left, 'left'),
      write(right, 'right'),
      write(left, 'left-2'),
      write(right, 'right-2'),
    ]);
    for (const actorId of ['left', 'right', 'left-2', 'right-2'])
      expect(await left.getLatestVersion(actorId)).toBe(40);
  });
});

describe('releasing the write lock', () => {
  it('never throws, even when the lock file can no longer be read (it runs from a timer too)', async () => {
    const directory = stores.directory('release');
    mkdirSync(directory, { recursive: true });
    const lock = new FileLock(directory, {
      timeoutMs: 1_000,
      foreignStaleMs: 30_000,
      onStaleBroken: () => {},
    });
    const held = await lock.acquire();
    const lockPath = join(directory, LOCK_FILE);
    // Something replaced the lock file with what cannot be read as one.
    rmSync(lockPath);
    mkdirSync(lockPath);
    expect(() => held.release()).not.toThrow();
    // The next acquire reports the unreadable lock as a typed error instead.
    await expect(lock.acquire()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
