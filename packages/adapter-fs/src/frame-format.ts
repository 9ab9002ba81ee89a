import { crc32 } from 'node:zlib';

/**
 * Byte layout of one frame (all integers little-endian), documented in the package README:
 *
 *   0  u32 magic 0x52464541 ("AEFR")      12 u32 body length B
 *   4  u8  kind (1 event, 2 snapshot)     16 u32 crc32 of the body
 *   5  u8  flags (1 commit start, 2 end)  20 u32 crc32 of bytes 0..19 followed by the envelope
 *   6  u16 reserved, 0                    24 envelope: E bytes of UTF-8 JSON (what the index needs)
 *   8  u32 envelope length E              24+E body: B bytes of UTF-8 JSON (the record itself)
 */
export const FRAME_MAGIC = 0x52464541;
export const FRAME_HEADER_BYTES = 24;
export const FRAME_KIND_EVENT = 1;
export const FRAME_KIND_SNAPSHOT = 2;
export const FLAG_COMMIT_START = 1;
export const FLAG_COMMIT_END = 2;
/** Sanity bound on a frame part, so a damaged length is never trusted to allocate gigabytes. */
export const MAX_FRAME_PART_BYTES = 256 * 1024 * 1024;

export type FrameKind = typeof FRAME_KIND_EVENT | typeof FRAME_KIND_SNAPSHOT;

/** What the index keeps of an event, stored beside the record so a rebuild never parses `data`. */
export interface EventEnvelope {
  /** Store-wide position. */
  p: number;
  /** Event id. */
  i: string;
  /** Actor id. */
  a: string;
  /** Version. */
  v: number;
  /** Event type. */
  e: string;
  /** Timestamp in epoch milliseconds. */
  t: number;
  /** The standard metadata keys the event has (correlation, causation, user, trace, span). */
  m?: Record<string, string>;
}

export interface SnapshotEnvelope {
  a: string;
  v: number;
  /** The last event position when the snapshot was written (keeps positions monotonic after damage). */
  p: number;
}

export interface FrameHeader {
  kind: number;
  flags: number;
  envelopeLength: number;
  bodyLength: number;
  bodyCrc: number;
  headerCrc: number;
}

/** Encodes one frame: header, envelope JSON, body text. */
export function encodeFrame(kind: FrameKind, flags: number, envelope: string, body: string): Buffer {
  const envelopeLength = Buffer.byteLength(envelope, 'utf8');
  const bodyLength = Buffer.byteLength(body, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + envelopeLength + bodyLength);
  frame.writeUInt32LE(FRAME_MAGIC, 0);
  frame.writeUInt8(kind, 4);
  frame.writeUInt8(flags, 5);
  frame.writeUInt16LE(0, 6);
  frame.writeUInt32LE(envelopeLength, 8);
  frame.writeUInt32LE(bodyLength, 12);
  frame.write(envelope, FRAME_HEADER_BYTES, envelopeLength, 'utf8');
  frame.write(body, FRAME_HEADER_BYTES + envelopeLength, bodyLength, 'utf8');
  frame.writeUInt32LE(crc32(frame.subarray(FRAME_HEADER_BYTES + envelopeLength)), 16);
  frame.writeUInt32LE(headerChecksum(frame, 0, envelopeLength), 20);
  return frame;
}

/** The header fields at `offset`, or `null` when the magic number is not there. */
export function readFrameHeader(buffer: Buffer, offset: number): FrameHeader | null {
  if (buffer.readUInt32LE(offset) !== FRAME_MAGIC) return null;
  return {
    kind: buffer.readUInt8(offset + 4),
    flags: buffer.readUInt8(offset + 5),
    envelopeLength: buffer.readUInt32LE(offset + 8),
    bodyLength: buffer.readUInt32LE(offset + 12),
    bodyCrc: buffer.readUInt32LE(offset + 16),
    headerCrc: buffer.readUInt32LE(offset + 20),
  };
}

/** crc32 of the first 20 header bytes followed by the envelope (the frame starts at `offset`). */
export function headerChecksum(buffer: Buffer, offset: number, envelopeLength: number): number {
  const head = crc32(buffer.subarray(offset, offset + 20));
  const start = offset + FRAME_HEADER_BYTES;
  return crc32(buffer.subarray(start, start + envelopeLength), head);
}

export function plausibleLengths(header: FrameHeader): boolean {
  return header.envelopeLength <= MAX_FRAME_PART_BYTES && header.bodyLength <= MAX_FRAME_PART_BYTES;
}

export function isEventEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(v.p) &&
    typeof v.i === 'string' &&
    typeof v.a === 'string' &&
    Number.isSafeInteger(v.v) &&
    typeof v.e === 'string' &&
    typeof v.t === 'number' &&
    (v.m === undefined || (typeof v.m === 'object' && v.m !== null))
  );
}

export function isSnapshotEnvelope(value: unknown): value is SnapshotEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.a === 'string' && Number.isSafeInteger(v.v) && Number.isSafeInteger(v.p);
}
