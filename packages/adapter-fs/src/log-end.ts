import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { LogPoint } from './file-lock.ts';

export const LOG_END_FILE = 'log.end';
/**
 * `log.end` (20 bytes, little-endian): "AEND", u32 segment, f64 offset, u32 crc32 of bytes 0..15.
 * The lock holder rewrites it in place after every fdatasync; everything before it is durable and
 * complete, so lock-free readers read up to it and never meet a write in flight. It is not synced
 * itself: after a crash the next lock holder re-derives the end from the log.
 */
const MAGIC = 0x444e4541;
const BYTES = 20;

export type LogEndState = LogPoint | null | 'unreadable';

export function compareLogPoints(a: LogPoint, b: LogPoint): number {
  return a.segment === b.segment ? a.offset - b.offset : a.segment - b.segment;
}

export class LogEnd {
  readonly #path: string;
  readonly #buffer = Buffer.alloc(BYTES);
  readonly #out = Buffer.alloc(BYTES);
  #fd: number | null = null;

  constructor(dir: string) {
    this.#path = join(dir, LOG_END_FILE);
  }

  /** The published end: null when none was published yet, 'unreadable' when damaged. */
  read(): LogEndState {
    if (this.#fd === null) {
      try {
        this.#fd = openSync(this.#path, 'r+');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    }
    // A rewrite caught half-way fails the checksum: read again before calling it unreadable.
    for (let attempt = 0; attempt < 4; attempt++) {
      const length = readSync(this.#fd, this.#buffer, 0, BYTES, 0);
      if (length === 0) return null;
      const point = decode(this.#buffer, length);
      if (point !== null) return point;
    }
    return 'unreadable';
  }

  /** Records a new durable end (lock held). */
  publish(point: LogPoint): void {
    // Not O_APPEND: the record is rewritten in place at offset 0.
    if (this.#fd === null) this.#fd = openSync(this.#path, constants.O_RDWR | constants.O_CREAT, 0o644);
    const buffer = this.#out;
    buffer.writeUInt32LE(MAGIC, 0);
    buffer.writeUInt32LE(point.segment, 4);
    buffer.writeDoubleLE(point.offset, 8);
    buffer.writeUInt32LE(crc32(buffer.subarray(0, 16)), 16);
    writeSync(this.#fd, buffer, 0, BYTES, 0);
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

function decode(buffer: Buffer, length: number): LogPoint | null {
  if (length < BYTES || buffer.readUInt32LE(0) !== MAGIC) return null;
  if (buffer.readUInt32LE(16) !== crc32(buffer.subarray(0, 16))) return null;
  const offset = buffer.readDoubleLE(8);
  if (!Number.isSafeInteger(offset) || offset < 0) return null;
  return { segment: buffer.readUInt32LE(4), offset };
}
