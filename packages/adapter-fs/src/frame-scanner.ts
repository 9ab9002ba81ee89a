import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import {
  FLAG_COMMIT_START,
  FRAME_HEADER_BYTES,
  FRAME_MAGIC,
  type FrameHeader,
  headerChecksum,
  plausibleLengths,
  readFrameHeader,
} from './frame-format.ts';

/** A structurally valid frame: intact header and envelope. `bodyOk` tells whether the body is too. */
export interface ScannedFrame {
  type: 'frame';
  offset: number;
  /** Offset just past the frame. */
  end: number;
  header: FrameHeader;
  envelope: unknown;
  bodyOffset: number;
  bodyOk: boolean;
}

export type ScanItem =
  | ScannedFrame
  /** The range ends before the frame at `offset` does. */
  | { type: 'short'; offset: number }
  /** Zero bytes where a frame would start: the preallocated, never written end of a segment. */
  | { type: 'end'; offset: number }
  /** The bytes at `offset` are not a valid frame. */
  | { type: 'invalid'; offset: number; reason: string };

const CHUNK_BYTES = 1024 * 1024;

/** Reads `[start, end)` of a file into `buffer`; returns how many bytes it got (less at end of file). */
export async function readFully(
  handle: FileHandle,
  buffer: Buffer,
  position: number,
  length: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** A sliding window over a file range, read in large chunks. */
class Window {
  #buffer: Buffer;
  #start = 0;
  #length = 0;

  constructor(
    readonly handle: FileHandle,
    readonly limit: number,
    from: number,
  ) {
    // Catching up usually reads a few new frames: no need for a whole chunk then.
    this.#buffer = Buffer.allocUnsafe(Math.max(64, Math.min(CHUNK_BYTES, limit - from)));
  }

  /** Makes `[offset, offset + n)` available; false when it reaches past the range or the file. */
  async ensure(offset: number, n: number): Promise<boolean> {
    if (offset + n > this.limit) return false;
    if (offset >= this.#start && offset + n <= this.#start + this.#length) return true;
    const size = Math.max(n, Math.min(CHUNK_BYTES, this.limit - offset));
    if (this.#buffer.length < size) this.#buffer = Buffer.allocUnsafe(size);
    const wanted = Math.min(this.#buffer.length, this.limit - offset);
    this.#length = await readFully(this.handle, this.#buffer, offset, wanted);
    this.#start = offset;
    return this.#length >= n;
  }

  /** The bytes at `[offset, offset + n)`; valid until the next `ensure`. */
  view(offset: number, n: number): Buffer {
    const at = offset - this.#start;
    return this.#buffer.subarray(at, at + n);
  }

  /** The window's buffer and the index of `offset` in it. */
  at(offset: number): [Buffer, number] {
    return [this.#buffer, offset - this.#start];
  }
}

/** Reads the frame at `offset` of the window; the shared core of scanning and resynchronising. */
async function readFrameAt(window: Window, offset: number): Promise<ScanItem> {
  if (!(await window.ensure(offset, FRAME_HEADER_BYTES))) return { type: 'short', offset };
  const [buffer, at] = window.at(offset);
  const header = readFrameHeader(buffer, at);
  if (header === null) {
    return buffer.readUInt32LE(at) === 0
      ? { type: 'end', offset }
      : { type: 'invalid', offset, reason: 'no frame magic' };
  }
  if (!plausibleLengths(header)) return { type: 'invalid', offset, reason: 'implausible frame length' };
  const headed = FRAME_HEADER_BYTES + header.envelopeLength;
  if (!(await window.ensure(offset, headed))) return { type: 'short', offset };
  {
    const [buf, pos] = window.at(offset);
    if (headerChecksum(buf, pos, header.envelopeLength) !== header.headerCrc) {
      return { type: 'invalid', offset, reason: 'header checksum mismatch' };
    }
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(window.view(offset + FRAME_HEADER_BYTES, header.envelopeLength).toString('utf8'));
  } catch {
    return { type: 'invalid', offset, reason: 'envelope is not JSON' };
  }
  const total = headed + header.bodyLength;
  if (!(await window.ensure(offset, total))) return { type: 'short', offset };
  const bodyOffset = offset + headed;
  const bodyOk = crc32(window.view(bodyOffset, header.bodyLength)) === header.bodyCrc;
  return { type: 'frame', offset, end: offset + total, header, envelope, bodyOffset, bodyOk };
}

/**
 * Yields the frames of `[from, to)` in order; stops after the first item that is not a frame.
 * Every body is checked against its checksum on the way.
 */
export async function* scanFrames(handle: FileHandle, from: number, to: number): AsyncGenerator<ScanItem> {
  const window = new Window(handle, to, from);
  let offset = from;
  while (offset < to) {
    const item = await readFrameAt(window, offset);
    yield item;
    if (item.type !== 'frame') return;
    offset = item.end;
  }
}

/**
 * The offset of the first structurally valid frame that starts a commit in `[from, to)`, or null:
 * how the reader tells damage in the middle of a segment (valid commits follow) from a torn tail.
 */
export async function findCommitStart(handle: FileHandle, from: number, to: number): Promise<number | null> {
  const magic = Buffer.alloc(4);
  magic.writeUInt32LE(FRAME_MAGIC, 0);
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let base = from;
  while (base < to) {
    const length = await readFully(handle, chunk, base, Math.min(chunk.length, to - base));
    if (length === 0) return null;
    let index = chunk.indexOf(magic, 0);
    while (index !== -1 && index < length) {
      const candidate = base + index;
      const item = await readFrameAt(new Window(handle, to, candidate), candidate);
      if (item.type === 'frame' && (item.header.flags & FLAG_COMMIT_START) !== 0) return candidate;
      index = chunk.indexOf(magic, index + 1);
    }
    // Step back three bytes so a magic number split across two chunks is still found.
    if (base + length >= to) return null;
    base += Math.max(1, length - 3);
  }
  return null;
}

/** True when `[from, to)` of the file holds only zero bytes (the untouched preallocated tail). */
export async function isZeroRange(handle: FileHandle, from: number, to: number): Promise<boolean> {
  const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, to - from)));
  const zeros = Buffer.alloc(chunk.length);
  for (let base = from; base < to; base += chunk.length) {
    const length = await readFully(handle, chunk, base, Math.min(chunk.length, to - base));
    if (length === 0) return true;
    if (!chunk.subarray(0, length).equals(zeros.subarray(0, length))) return false;
  }
  return true;
}
