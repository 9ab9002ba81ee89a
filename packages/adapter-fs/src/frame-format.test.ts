import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../test/temp-store.ts';
import {
  encodeFrame,
  FLAG_COMMIT_END,
  FLAG_COMMIT_START,
  FRAME_HEADER_BYTES,
  FRAME_KIND_EVENT,
  headerChecksum,
  readFrameHeader,
} from './frame-format.ts';
import { scanFrames } from './frame-scanner.ts';

const stores = useTempStores();
const envelope = JSON.stringify({ p: 7, i: 'id-1', a: 'actor \u2028 \ud83d\ude00', v: 3, e: 'Type', t: 5 });
const body = JSON.stringify({ id: 'id-1', data: { text: 'h\u00e9llo \ud83d\ude00' } });

async function scan(bytes: Buffer) {
  const path = join(stores.directory('frames'), 'frames.bin');
  const handle = await open(path, 'w+');
  try {
    await handle.write(bytes, 0, bytes.length, 0);
    const items = [];
    for await (const item of scanFrames(handle, 0, bytes.length)) items.push(item);
    return items;
  } finally {
    await handle.close();
  }
}

describe('frames', () => {
  it('lay out header, envelope and body as the README documents', () => {
    const frame = encodeFrame(FRAME_KIND_EVENT, FLAG_COMMIT_START | FLAG_COMMIT_END, envelope, body);
    const header = readFrameHeader(frame, 0);
    expect(frame.subarray(0, 4).toString('latin1')).toBe('AEFR');
    expect(header).toMatchObject({
      kind: 1,
      flags: 3,
      envelopeLength: Buffer.byteLength(envelope),
      bodyLength: Buffer.byteLength(body),
    });
    expect(frame.length).toBe(FRAME_HEADER_BYTES + Buffer.byteLength(envelope) + Buffer.byteLength(body));
    expect(
      frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + Buffer.byteLength(envelope)).toString(),
    ).toBe(envelope);
    expect(frame.subarray(-Buffer.byteLength(body)).toString()).toBe(body);
    expect(headerChecksum(frame, 0, Buffer.byteLength(envelope))).toBe(header?.headerCrc);
  });

  it('detect a flipped byte anywhere: in the header or envelope as invalid, in the body as a bad body', async () => {
    const frame = encodeFrame(FRAME_KIND_EVENT, FLAG_COMMIT_START | FLAG_COMMIT_END, envelope, body);
    const bodyStart = FRAME_HEADER_BYTES + Buffer.byteLength(envelope);
    for (let at = 0; at < frame.length; at++) {
      const damaged = Buffer.from(frame);
      damaged[at] = (damaged[at] as number) ^ 0x5a;
      const [item] = await scan(damaged);
      if (at >= bodyStart) expect(item).toMatchObject({ type: 'frame', bodyOk: false });
      else expect(item?.type === 'frame' && item.bodyOk, `byte ${at}`).toBe(false);
    }
  });

  it('read back a sequence of frames and stop at a short one', async () => {
    const one = encodeFrame(FRAME_KIND_EVENT, FLAG_COMMIT_START, envelope, body);
    const two = encodeFrame(FRAME_KIND_EVENT, FLAG_COMMIT_END, envelope, body);
    const items = await scan(Buffer.concat([one, two, two.subarray(0, 30)]));
    expect(items.map((item) => item.type)).toEqual(['frame', 'frame', 'short']);
    expect(items[1]).toMatchObject({ offset: one.length, bodyOk: true });
  });
});
