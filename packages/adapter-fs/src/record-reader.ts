import { crc32 } from 'node:zlib';
import { corruptRecord } from '@aether/core';
import { readFully } from './frame-scanner.ts';
import type { SegmentFiles } from './segment-files.ts';
import type { BodyLocation } from './store-index.ts';

/** A record's stored text, or why it cannot be trusted. */
export type RecordText = { ok: true; text: string } | { ok: false; raw: string; cause: Error };

/** Records closer than this are read in one go (one read instead of many small ones). */
const MAX_GAP_BYTES = 64 * 1024;
const MAX_SPAN_BYTES = 4 * 1024 * 1024;

/**
 * Reads record bodies from the segments, checking each against its checksum: O(k) for k records,
 * with neighbouring records coalesced into one read.
 */
export class RecordReader {
  readonly #segments: SegmentFiles;

  constructor(segments: SegmentFiles) {
    this.#segments = segments;
  }

  async read(
    locations: readonly BodyLocation[],
    positionOf: (index: number) => number | null,
  ): Promise<RecordText[]> {
    const out: RecordText[] = new Array(locations.length);
    let start = 0;
    while (start < locations.length) {
      const first = locations[start] as BodyLocation;
      let end = start + 1;
      let spanEnd = first.bodyOffset + first.bodyLength;
      while (end < locations.length) {
        const next = locations[end] as BodyLocation;
        const nextEnd = next.bodyOffset + next.bodyLength;
        if (
          next.segment !== first.segment ||
          next.bodyOffset < spanEnd ||
          next.bodyOffset - spanEnd > MAX_GAP_BYTES ||
          nextEnd - first.bodyOffset > MAX_SPAN_BYTES
        ) {
          break;
        }
        spanEnd = nextEnd;
        end++;
      }
      const handle = await this.#segments.handle(first.segment);
      const buffer = Buffer.allocUnsafe(spanEnd - first.bodyOffset);
      const got = await readFully(handle, buffer, first.bodyOffset, buffer.length);
      for (let index = start; index < end; index++) {
        const location = locations[index] as BodyLocation;
        const at = location.bodyOffset - first.bodyOffset;
        const bytes = buffer.subarray(at, Math.min(at + location.bodyLength, got));
        out[index] = check(bytes, location, positionOf(index));
      }
      start = end;
    }
    return out;
  }
}

function check(bytes: Buffer, location: BodyLocation, position: number | null): RecordText {
  const raw = bytes.toString('utf8');
  if (bytes.length < location.bodyLength) {
    return {
      ok: false,
      raw,
      cause: corruptRecord(`record at position ${position} is cut short`, { details: { position } }),
    };
  }
  if (crc32(bytes) !== location.bodyCrc) {
    return {
      ok: false,
      raw,
      cause: corruptRecord(`checksum mismatch in the record at position ${position}`, {
        details: { position },
      }),
    };
  }
  return { ok: true, text: raw };
}
