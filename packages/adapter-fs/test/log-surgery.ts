import { readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { isEventEnvelope } from '../src/frame-format.ts';
import { type ScannedFrame, scanFrames } from '../src/frame-scanner.ts';
import { SEGMENT_HEADER_BYTES } from '../src/segment-file.ts';

/** The segment files of a namespace directory, in order. */
export function segmentPaths(namespaceDir: string): string[] {
  return readdirSync(namespaceDir)
    .filter((name) => /^segment-\d{10}\.log$/.test(name))
    .sort()
    .map((name) => join(namespaceDir, name));
}

export interface FoundFrame {
  path: string;
  frame: ScannedFrame;
}

/** Every valid frame of the namespace, in log order (reads the files as they are). */
export async function listFrames(namespaceDir: string): Promise<FoundFrame[]> {
  const found: FoundFrame[] = [];
  for (const path of segmentPaths(namespaceDir)) {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      for await (const item of scanFrames(handle, SEGMENT_HEADER_BYTES, size)) {
        if (item.type !== 'frame') break;
        found.push({ path, frame: item });
      }
    } finally {
      await handle.close();
    }
  }
  return found;
}

/** The frame holding the event with this id. */
export async function findEventFrame(namespaceDir: string, id: string): Promise<FoundFrame> {
  const found = (await listFrames(namespaceDir)).find(
    ({ frame }) => isEventEnvelope(frame.envelope) && frame.envelope.i === id,
  );
  if (found === undefined) throw new Error(`no frame holds event ${id}`);
  return found;
}

/** Damages the record of one event: flips one byte in the middle of its body (header left intact). */
export async function flipBodyByte(namespaceDir: string, id: string): Promise<void> {
  const { path, frame } = await findEventFrame(namespaceDir, id);
  await xorByte(path, frame.bodyOffset + Math.floor(frame.header.bodyLength / 2));
}

/** Flips every bit of the byte at `offset` of a file. */
export async function xorByte(path: string, offset: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, offset);
    byte[0] = (byte[0] as number) ^ 0xff;
    await handle.write(byte, 0, 1, offset);
  } finally {
    await handle.close();
  }
}
