import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createEvent, isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test/temp-store.ts';
import { createFileEventStore } from './file-event-store.ts';

const stores = useTempStores();

/** Every name a namespace directory may contain. */
const STORE_FILE = /^(aether-fs\.json|log\.end|segment-\d{10}\.log|write\.lock(\.waiting)?)$/;

const HOSTILE_IDS = [
  '../../../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\System32\\config',
  '..',
  '.',
  'CON',
  'NUL',
  'aux.txt',
  'COM1',
  'segment-0000000001.log',
  'write.lock',
  'x'.repeat(1024),
  '\u00e9', // é, composed (NFC)
  'e\u0301', // é, decomposed (NFD): a different actor
  '\ud83d\ude00/..',
];

describe('path safety', () => {
  it('never turns an actor id into a path: hostile ids are plain, distinct actors', async () => {
    const directory = stores.directory('paths');
    const parent = dirname(directory);
    const siblingsBefore = readdirSync(parent).sort();
    const store = await stores.open(directory);
    for (const actorId of HOSTILE_IDS) {
      await store.saveEvent(createEvent({ actorId, eventType: 'Hostile', version: 1, data: { actorId } }));
      await store.saveSnapshot({ actorId, version: 1, state: { actorId }, timestamp: new Date(1) });
    }
    for (const actorId of HOSTILE_IDS) {
      const [event] = await store.getEvents(actorId);
      expect(event?.data).toEqual({ actorId });
      expect((await store.getLatestSnapshot(actorId))?.state).toEqual({ actorId });
    }
    expect((await store.listActors({ limit: 1000 })).actors).toHaveLength(HOSTILE_IDS.length);
    expect(readdirSync(directory)).toEqual(['ns.default']);
    for (const name of readdirSync(store.path)) expect(name).toMatch(STORE_FILE);
    expect(readdirSync(parent).sort()).toEqual(siblingsBefore);
  });

  it('encodes every namespace into one plain directory of its own, with isolated data', async () => {
    const directory = stores.directory('namespaces');
    const namespaces = [
      'default',
      '../escape',
      '/abs',
      'a/b',
      '..',
      '.',
      'CON',
      'Upper',
      'upper',
      '\u00e9',
      'e\u0301',
    ];
    const opened = [];
    for (const namespace of namespaces) {
      const store = await stores.open(directory, { namespace });
      await store.appendEvents('shared-actor', [{ eventType: 'Hello', data: { namespace } }]);
      opened.push(store);
    }
    const names = readdirSync(directory);
    expect(names).toHaveLength(namespaces.length);
    for (const name of names) expect(name).toMatch(/^ns\.[a-z0-9_-]+$/);
    for (const [index, store] of opened.entries()) {
      const events = await store.getEvents('shared-actor');
      expect(events.map((event) => event.data)).toEqual([{ namespace: namespaces[index] }]);
    }
  });

  it('rejects namespaces it cannot encode safely with INVALID_ARGUMENT', async () => {
    const directory = stores.directory('bad-namespaces');
    for (const namespace of ['', 'a\u0000b', 'tab\there', 'x'.repeat(65), '\ud800', 42, null]) {
      await expect(
        createFileEventStore({ directory, namespace: namespace as string }),
        String(namespace),
      ).rejects.toSatisfy((error) => isAetherError(error, 'INVALID_ARGUMENT'));
    }
    expect(readdirSync(directory)).toEqual([]);
  });
});
