import {
  appendFileSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirectory } from '../test/temp-store.ts';
import { encodeSegmentHeader, SEGMENT_HEADER_BYTES } from './segment-file.ts';
import { SegmentFiles } from './segment-files.ts';

const opened: { segments: SegmentFiles; directory: string }[] = [];
afterEach(async () => {
  for (const { segments, directory } of opened.splice(0)) {
    await segments.closeAll();
    rmSync(directory, { recursive: true, force: true });
  }
});

function segmentFilesIn(): SegmentFiles {
  const directory = tempDirectory('segments');
  const segments = new SegmentFiles(directory);
  opened.push({ segments, directory });
  return segments;
}

describe('SegmentFiles.create', () => {
  it('rewrites the header of a segment left half-created', async () => {
    const segments = segmentFilesIn();
    writeFileSync(segments.path(2), encodeSegmentHeader(2).subarray(0, 10));
    await segments.create(2);
    expect(readFileSync(segments.path(2))).toEqual(encodeSegmentHeader(2));
    expect((await segments.readHeader(2)).status).toBe('ok');
  });

  it('never cuts a segment that already holds frames', async () => {
    const segments = segmentFilesIn();
    await segments.create(1);
    appendFileSync(segments.path(1), Buffer.from('frames written by another holder'));
    const size = statSync(segments.path(1)).size;
    expect(size).toBeGreaterThan(SEGMENT_HEADER_BYTES);
    await expect(segments.create(1)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(statSync(segments.path(1)).size).toBe(size);
  });
});

/** Open files of this process (Linux /proc, as on CI) that are `path`. */
function openCount(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('SegmentFiles.closeAll', () => {
  it('leaves no handle open that was being opened while it ran', async () => {
    const segments = segmentFilesIn();
    await segments.create(1);
    const opening = segments.handle(1);
    await segments.closeAll();
    await expect(opening).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(openCount(segments.path(1))).toBe(0);
  });
});
