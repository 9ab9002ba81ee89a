import { crc32 } from 'node:zlib';

/**
 * Every segment starts with a 32-byte header (little-endian):
 *   0 "AETHERSG" (8 bytes)   8 u32 format version   12 u32 segment number
 *   16 12 reserved zero bytes                      28 u32 crc32 of bytes 0..27
 */
export const SEGMENT_MAGIC = Buffer.from('AETHERSG', 'latin1');
export const SEGMENT_HEADER_BYTES = 32;
/** The on-disk format this release writes and reads; a later release migrates from it. */
export const FORMAT_VERSION = 1;

export function segmentFileName(segment: number): string {
  return `segment-${String(segment).padStart(10, '0')}.log`;
}

export function encodeSegmentHeader(segment: number): Buffer {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
  SEGMENT_MAGIC.copy(header, 0);
  header.writeUInt32LE(FORMAT_VERSION, 8);
  header.writeUInt32LE(segment, 12);
  header.writeUInt32LE(crc32(header.subarray(0, 28)), 28);
  return header;
}

export type SegmentHeaderCheck =
  | { status: 'ok' }
  /** Shorter than a header or not a valid one: its creator died while writing it. */
  | { status: 'incomplete' }
  | { status: 'newer-format'; version: number }
  | { status: 'wrong-segment'; segment: number };

export function checkSegmentHeader(bytes: Buffer, segment: number): SegmentHeaderCheck {
  if (bytes.length < SEGMENT_HEADER_BYTES) return { status: 'incomplete' };
  if (!bytes.subarray(0, 8).equals(SEGMENT_MAGIC)) return { status: 'incomplete' };
  if (bytes.readUInt32LE(28) !== crc32(bytes.subarray(0, 28))) return { status: 'incomplete' };
  const version = bytes.readUInt32LE(8);
  if (version !== FORMAT_VERSION) return { status: 'newer-format', version };
  const number = bytes.readUInt32LE(12);
  if (number !== segment) return { status: 'wrong-segment', segment: number };
  return { status: 'ok' };
}
