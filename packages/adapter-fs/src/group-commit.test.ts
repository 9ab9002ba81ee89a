import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { createEvent } from '@aether/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempStores } from '../test/temp-store.ts';

const stores = useTempStores();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Counts fdatasync calls on every file handle of this process. */
async function countSyncs(directory: string): Promise<{ count: () => number }> {
  const probe = await open(join(directory, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const spy = vi.spyOn(prototype, 'datasync');
  return { count: () => spy.mock.calls.length };
}

describe('group commit', () => {
  it('makes 64 concurrent saves share a few writes and fdatasyncs, each acknowledged after its sync', async () => {
    const directory = stores.directory('group');
    const store = await stores.open(directory);
    const syncs = await countSyncs(directory);
    const saved = await Promise.all(
      Array.from({ length: 64 }, (_, n) =>
        store.saveEvent(
          createEvent({ actorId: `actor-${n}`, eventType: 'Grouped', version: 1, data: { n } }),
        ),
      ),
    );
    expect(saved.map((event) => event.position).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 64 }, (_, n) => n + 1),
    );
    expect(syncs.count()).toBeGreaterThan(0);
    expect(syncs.count()).toBeLessThanOrEqual(4);
  });

  it('decides requests of one batch in arrival order: the first of two equal versions wins', async () => {
    const directory = stores.directory('order');
    const store = await stores.open(directory);
    const first = createEvent({ actorId: 'actor-a', eventType: 'First', version: 1, data: {} });
    const second = createEvent({ actorId: 'actor-a', eventType: 'Second', version: 1, data: {} });
    const [a, b, retry] = await Promise.allSettled([
      store.saveEvent(first),
      store.saveEvent(second),
      store.saveEvent(first),
    ]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'VERSION_CONFLICT' } });
    // The retry of the winner in the same batch is answered with the stored record.
    expect(retry).toEqual({ status: 'fulfilled', value: (a as PromiseFulfilledResult<unknown>).value });
    expect(await store.getEvents('actor-a')).toEqual([(a as PromiseFulfilledResult<unknown>).value]);
  });

  it('writes one sync per sequential save and nothing for a rejected one', async () => {
    const directory = stores.directory('sequential');
    const store = await stores.open(directory);
    const syncs = await countSyncs(directory);
    for (let version = 1; version <= 5; version++) {
      await store.saveEvent(createEvent({ actorId: 'actor-a', eventType: 'Seq', version, data: {} }));
    }
    await expect(
      store.saveEvent(createEvent({ actorId: 'actor-a', eventType: 'Stale', version: 2, data: {} })),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(syncs.count()).toBe(5);
  });
});
