import { closeSync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { storeUnavailable } from '@aether/core';
import { readFully } from './frame-scanner.ts';
import {
  checkSegmentHeader,
  encodeSegmentHeader,
  SEGMENT_HEADER_BYTES,
  type SegmentHeaderCheck,
  segmentFileName,
} from './segment-file.ts';

/** fsync of a directory, so a file created (or renamed) in it survives a crash. */
export function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The segment files of one namespace directory, opened lazily and kept open until `closeAll`. */
export class SegmentFiles {
  readonly #dir: string;
  readonly #handles = new Map<number, FileHandle>();
  #closed = false;

  constructor(dir: string) {
    this.#dir = dir;
  }

  path(segment: number): string {
    return join(this.#dir, segmentFileName(segment));
  }

  exists(segment: number): boolean {
    return statSync(this.path(segment), { throwIfNoEntry: false }) !== undefined;
  }

  /** The open handle of a segment, when it is already open. */
  cached(segment: number): FileHandle | undefined {
    return this.#handles.get(segment);
  }

  async handle(segment: number): Promise<FileHandle> {
    const cached = this.#handles.get(segment);
    if (cached !== undefined) return cached;
    if (this.#closed) throw storeUnavailable('the segment files are closed');
    const handle = await open(this.path(segment), 'r+');
    if (this.#closed) {
      // `closeAll` ran while this one was opening: it would never close this handle.
      await handle.close();
      throw storeUnavailable('the segment files are closed');
    }
    const raced = this.#handles.get(segment);
    if (raced !== undefined) {
      await handle.close();
      return raced;
    }
    this.#handles.set(segment, handle);
    return handle;
  }

  async readHeader(segment: number): Promise<SegmentHeaderCheck> {
    const handle = await this.handle(segment);
    const bytes = Buffer.alloc(SEGMENT_HEADER_BYTES);
    const length = await readFully(handle, bytes, 0, SEGMENT_HEADER_BYTES);
    return checkSegmentHeader(bytes.subarray(0, length), segment);
  }

  /**
   * Creates a segment with its header, durably (file and directory synced). Only the lock holder
   * calls it; a file left half-created by a holder that died is rewritten.
   */
  async create(segment: number): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.path(segment), 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Only a file without frames is rewritten (its header half-written); frames are never cut here.
      const size = fstatSync((await this.handle(segment)).fd).size;
      if (size > SEGMENT_HEADER_BYTES) {
        throw storeUnavailable(`segment ${segment} already exists and holds frames; reopen the store`);
      }
      await this.rewriteHeader(segment);
      return;
    }
    try {
      await handle.write(encodeSegmentHeader(segment), 0, SEGMENT_HEADER_BYTES, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    syncDirectory(this.#dir);
  }

  /** Replaces a segment's incomplete header; the segment holds no frames yet. */
  async rewriteHeader(segment: number): Promise<void> {
    const handle = await this.handle(segment);
    await handle.truncate(0);
    await handle.write(encodeSegmentHeader(segment), 0, SEGMENT_HEADER_BYTES, 0);
    await handle.sync();
    syncDirectory(this.#dir);
  }

  async closeAll(): Promise<void> {
    this.#closed = true;
    const handles = [...this.#handles.values()];
    this.#handles.clear();
    await Promise.all(handles.map((handle) => handle.close()));
  }
}
