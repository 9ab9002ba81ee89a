import { isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { createFileEventStore } from './file-event-store.ts';
import type { FileEventStoreOptions } from './options.ts';

describe('createFileEventStore options', () => {
  it.each([
    ['no options', undefined],
    ['an empty directory', { directory: '' }],
    ['a directory with NUL', { directory: '/tmp/a\u0000b' }],
    ['a numeric directory', { directory: 42 }],
    ['a tiny segment size', { directory: '/tmp/x', segmentBytes: 100 }],
    ['a zero poll interval', { directory: '/tmp/x', pollIntervalMs: 0 }],
    ['a negative lock timeout', { directory: '/tmp/x', lockTimeoutMs: -1 }],
    ['a fractional event size', { directory: '/tmp/x', maxEventBytes: 1.5 }],
    ['an event size above the frame limit', { directory: '/tmp/x', maxEventBytes: 2 ** 30 }],
    ['an onRecovery that is not a function', { directory: '/tmp/x', onRecovery: 'log' }],
  ])('rejects %s with INVALID_ARGUMENT, touching nothing', async (_label, options) => {
    await expect(createFileEventStore(options as unknown as FileEventStoreOptions)).rejects.toSatisfy(
      (error) => isAetherError(error, 'INVALID_ARGUMENT'),
    );
  });
});
