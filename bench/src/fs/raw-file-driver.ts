import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Event } from '@aether/core';
import type { Driver } from '../driver.ts';
import { benchEvent, benchEvents } from '../payload.ts';
import { makeTempDir, removeTempDir } from '../temp-dirs.ts';

/** One event as a line of JSON: the same fields and size as the record our store writes, without its frame. */
const line = (event: Event) => `${JSON.stringify(event)}\n`;

/**
 * The floor: one append-only file, `write` then `fdatasync` before a write counts as done. No
 * framing, checksums, index, lock or group commit: what durable appends cost on this disk.
 */
export async function openRawFile(): Promise<Driver> {
  const directory = await makeTempDir('aether-bench-raw-');
  const path = join(directory, 'events.jsonl');
  const handle = await open(path, 'a');
  const appendDurably = async (text: string) => {
    await handle.write(text);
    await handle.datasync();
  };
  const readEvents = async () => {
    const text = await readFile(path, 'utf8');
    return text
      .split('\n')
      .filter((record) => record !== '')
      .map((record) => JSON.parse(record) as Event);
  };

  return {
    append: (actorId, version) => appendDurably(line(benchEvent(actorId, version))),
    appendBatch: (actorId, firstVersion, count) =>
      appendDurably(benchEvents(actorId, firstVersion, count).map(line).join('')),
    async readStream(actorId) {
      return (await readEvents()).filter((event) => event.actorId === actorId).length;
    },
    // One read of the whole file: a plain log has no pages.
    readAll: async () => (await readEvents()).length,
    async seed(actorId, count) {
      for (let done = 0; done < count; done += 1000) {
        await appendDurably(
          benchEvents(actorId, done + 1, Math.min(1000, count - done))
            .map(line)
            .join(''),
        );
      }
    },
    async close() {
      await handle.close();
      await removeTempDir(directory);
    },
  };
}
