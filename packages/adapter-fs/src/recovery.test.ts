import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createEvent, isAetherError, type RecordedEvent } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { findEventFrame, flipBodyByte, segmentPaths, xorByte } from '../test/log-surgery.ts';
import { useTempStores } from '../test/temp-store.ts';
import { encodeFrame, FLAG_COMMIT_END, FLAG_COMMIT_START, FRAME_KIND_EVENT } from './frame-format.ts';
import { LOG_END_FILE, LogEnd } from './log-end.ts';
import { encodeSegmentHeader } from './segment-file.ts';

const stores = useTempStores();

/** A store with three events of one actor, one commit each, closed; returns its directory and the events. */
async function storeWithThree(): Promise<{
  directory: string;
  namespaceDir: string;
  saved: RecordedEvent[];
}> {
  const directory = stores.directory('recovery');
  const store = await stores.open(directory);
  const saved: RecordedEvent[] = [];
  for (const [version, eventType] of [
    [1, 'One'],
    [2, 'Two'],
    [3, 'Three'],
  ] as const) {
    saved.push(
      await store.saveEvent(createEvent({ actorId: 'actor-a', eventType, version, data: { n: version } })),
    );
  }
  await store.close();
  return { directory, namespaceDir: store.path, saved };
}

/** A frame for a 4th event of actor-a, as a writer that died would have left it. */
function fourthFrame(): Buffer {
  const event = createEvent({ actorId: 'actor-a', eventType: 'Four', version: 4, data: { n: 4 } });
  const envelope = {
    p: 4,
    i: event.id,
    a: event.actorId,
    v: 4,
    e: event.eventType,
    t: event.timestamp.getTime(),
  };
  return encodeFrame(
    FRAME_KIND_EVENT,
    FLAG_COMMIT_START | FLAG_COMMIT_END,
    JSON.stringify(envelope),
    JSON.stringify(event),
  );
}

async function writeAt(path: string, offset: number, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, offset);
  } finally {
    await handle.close();
  }
}

function publishedEnd(namespaceDir: string) {
  const logEnd = new LogEnd(namespaceDir);
  try {
    const end = logEnd.read();
    if (end === null || end === 'unreadable') throw new Error('no log end');
    return end;
  } finally {
    logEnd.close();
  }
}

describe('torn tails (writes a dead writer never finished)', () => {
  it('cuts off a half-written frame after the published end, reports it and writes on', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const end = publishedEnd(namespaceDir);
    const [segment] = segmentPaths(namespaceDir) as [string];
    const frame = fourthFrame();
    await writeAt(segment, end.offset, frame.subarray(0, Math.floor(frame.length / 2)));

    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([
      expect.objectContaining({ kind: 'torn-tail-truncated', segment: 1, offset: end.offset }),
    ]);
    expect(await store.getEvents('actor-a')).toEqual(saved);
    const next = await store.saveEvent(
      createEvent({ actorId: 'actor-a', eventType: 'Four', version: 4, data: {} }),
    );
    expect(next.position).toBe(4);
  });

  it('cuts off a complete frame whose body fails its checksum after the published end', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const end = publishedEnd(namespaceDir);
    const [segment] = segmentPaths(namespaceDir) as [string];
    const frame = fourthFrame();
    frame[frame.length - 5] = (frame[frame.length - 5] as number) ^ 0xff;
    await writeAt(segment, end.offset, frame);

    const store = await stores.open(directory);
    expect(stores.recoveries.map((event) => event.kind)).toEqual(['torn-tail-truncated']);
    expect(await store.getEvents('actor-a')).toEqual(saved);
    expect(await store.getLatestVersion('actor-a')).toBe(3);
  });

  it('keeps a complete, valid commit written after the published end (synced, not yet acknowledged)', async () => {
    const { directory, namespaceDir } = await storeWithThree();
    const end = publishedEnd(namespaceDir);
    const [segment] = segmentPaths(namespaceDir) as [string];
    await writeAt(segment, end.offset, fourthFrame());

    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([]);
    expect((await store.getEvents('actor-a')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
  });

  it('never shows a lock-free reader a commit past the published end, until a lock holder vouches for it', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const reader = await stores.open(directory);
    const end = publishedEnd(namespaceDir);
    const [segment] = segmentPaths(namespaceDir) as [string];
    // A writer's bytes before its fdatasync returned: complete, but not durable yet.
    await writeAt(segment, end.offset, fourthFrame());
    expect(await reader.getEvents('actor-a')).toEqual(saved);
    expect((await reader.readAll()).events).toEqual(saved);
    // The next lock holder finds the commit complete, syncs it and publishes it.
    await stores.open(directory);
    expect((await reader.getEvents('actor-a')).map((event) => event.version)).toEqual([1, 2, 3, 4]);
  });

  it('cuts off stray bytes lying beyond the zeroed end of the log', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const end = publishedEnd(namespaceDir);
    const [segment] = segmentPaths(namespaceDir) as [string];
    await writeAt(segment, end.offset + 5000, Buffer.from('left over from an older torn write'));

    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([
      expect.objectContaining({
        kind: 'torn-tail-truncated',
        offset: end.offset,
        reason: 'bytes after the end of the log',
      }),
    ]);
    expect(await store.getEvents('actor-a')).toEqual(saved);
  });

  it('without log.end, tells a torn tail from the log alone', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const end = publishedEnd(namespaceDir);
    unlinkSync(join(namespaceDir, LOG_END_FILE));
    const [segment] = segmentPaths(namespaceDir) as [string];
    const frame = fourthFrame();
    await writeAt(segment, end.offset, frame.subarray(0, 30));

    const store = await stores.open(directory);
    expect(stores.recoveries.map((event) => event.kind)).toEqual(['torn-tail-truncated']);
    expect(await store.getEvents('actor-a')).toEqual(saved);
  });
});

describe('damage in the middle of the log', () => {
  it('serves a record whose body fails its checksum as CORRUPT_RECORD, also after reopening', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    await flipBodyByte(namespaceDir, (saved[1] as RecordedEvent).id);

    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([]);
    await expect(store.getEvents('actor-a')).rejects.toSatisfy((error) =>
      isAetherError(error, 'CORRUPT_RECORD'),
    );
    await expect(store.getEventById((saved[1] as RecordedEvent).id)).rejects.toSatisfy((error) =>
      isAetherError(error, 'CORRUPT_RECORD'),
    );
    await expect(store.readAll()).rejects.toSatisfy((error) => isAetherError(error, 'CORRUPT_RECORD'));
    const { events, errors } = await store.getEventsWithErrors('actor-a');
    expect(events).toEqual([saved[0], saved[2]]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.position).toBe(2);
    expect(errors[0]?.raw).toContain('"Two"');
    // The damaged record does not stop writing.
    expect((await store.appendEvents('actor-a', [{ eventType: 'Four', data: {} }]))[0]?.version).toBe(4);
  });

  it('skips and reports an unreadable frame header, and readAll refuses to pass over the lost position', async () => {
    const { directory, namespaceDir, saved } = await storeWithThree();
    const { path, frame } = await findEventFrame(namespaceDir, (saved[1] as RecordedEvent).id);
    await xorByte(path, frame.offset + 1);

    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([
      expect.objectContaining({ kind: 'damaged-region', offset: frame.offset }),
    ]);
    expect(await store.getEvents('actor-a')).toEqual([saved[0], saved[2]]);
    expect(await store.getEventById((saved[1] as RecordedEvent).id)).toBeNull();
    expect((await store.readAll({ limit: 1 })).events).toEqual([saved[0]]);
    await expect(store.readAll()).rejects.toSatisfy(
      (error) => isAetherError(error, 'CORRUPT_RECORD') && error.details.lostFrom === 2,
    );
    // Past the damage, everything works: new positions follow the highest one in the log.
    const [next] = await store.appendEvents('actor-a', [{ eventType: 'Four', data: {} }]);
    expect(next?.position).toBe(4);
    expect((await store.readAll({ after: 3 })).events).toEqual([next]);
  });
});

describe('damage inside a batch', () => {
  it('drops the whole batch, never half of it', async () => {
    const directory = stores.directory('batch');
    const store = await stores.open(directory);
    const before = await store.appendEvents('actor-b', [{ eventType: 'Alone', data: {} }]);
    const batch = await store.appendEvents('actor-a', [
      { eventType: 'First', data: {} },
      { eventType: 'Second', data: {} },
      { eventType: 'Third', data: {} },
    ]);
    const after = await store.appendEvents('actor-b', [{ eventType: 'Later', data: {} }]);
    await store.close();
    const { path, frame } = await findEventFrame(store.path, (batch[1] as RecordedEvent).id);
    await xorByte(path, frame.offset + 9);

    const reopened = await stores.open(directory);
    expect(stores.recoveries.map((event) => event.kind)).toEqual(['damaged-region']);
    expect(await reopened.getEvents('actor-a')).toEqual([]);
    expect(await reopened.getEvents('actor-b')).toEqual([...before, ...after]);
  });
});

describe('segments', () => {
  it('rolls over to new segments, cut to their exact end, and reads across them', async () => {
    const directory = stores.directory('segments');
    const writer = await stores.open(directory, { segmentBytes: 4096 });
    const reader = await stores.open(directory);
    const written: RecordedEvent[] = [];
    for (let n = 0; n < 120; n++) {
      written.push(
        ...(await writer.appendEvents(`actor-${n % 5}`, [
          { eventType: 'Rolled', data: { n, pad: 'p'.repeat(100) } },
        ])),
      );
    }
    const paths = segmentPaths(writer.path);
    expect(paths.length).toBeGreaterThan(3);
    for (const path of paths.slice(0, -1)) {
      const bytes = readFileSync(path);
      expect(bytes.length).toBeGreaterThanOrEqual(4096);
      expect(bytes.subarray(-4).equals(Buffer.alloc(4))).toBe(false);
    }
    const page = await reader.readAll({ limit: 1000 });
    expect(page.events).toEqual(written);
    await writer.close();
    const reopened = await stores.open(directory);
    expect((await reopened.readAll({ limit: 1000 })).events).toEqual(written);
    expect(stores.recoveries).toEqual([]);
  });

  it('rewrites the header of a segment its creator left half-written', async () => {
    const directory = stores.directory('header');
    const first = await stores.open(directory);
    await first.close();
    const [segment] = segmentPaths(first.path) as [string];
    writeFileSync(segment, encodeSegmentHeader(1).subarray(0, 10));
    unlinkSync(join(first.path, LOG_END_FILE));
    const store = await stores.open(directory);
    expect(stores.recoveries).toEqual([{ kind: 'segment-header-repaired', segment: 1 }]);
    await store.appendEvents('actor-a', [{ eventType: 'Works', data: {} }]);
    expect(statSync(segment).size).toBeGreaterThan(32);
  });

  it('refuses a log written in a later format instead of misreading it', async () => {
    const directory = stores.directory('format');
    const first = await stores.open(directory);
    await first.close();
    const manifest = join(first.path, 'aether-fs.json');
    writeFileSync(manifest, JSON.stringify({ format: 'aether-fs', version: 2 }));
    await expect(stores.open(directory)).rejects.toSatisfy(
      (error) => isAetherError(error, 'STORE_UNAVAILABLE') && /version 2/.test(error.message),
    );
    writeFileSync(manifest, JSON.stringify({ format: 'aether-fs', version: 1 }));
    const [segment] = segmentPaths(first.path) as [string];
    const header = encodeSegmentHeader(1);
    header.writeUInt32LE(2, 8);
    header.writeUInt32LE(crc32(header.subarray(0, 28)), 28);
    await writeAt(segment, 0, header);
    await expect(stores.open(directory)).rejects.toSatisfy((error) =>
      isAetherError(error, 'STORE_UNAVAILABLE'),
    );
  });
});
