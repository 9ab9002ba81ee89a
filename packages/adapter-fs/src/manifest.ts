import { randomBytes } from 'node:crypto';
import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { storeUnavailable } from '@aether/core';
import { FORMAT_VERSION } from './segment-file.ts';
import { syncDirectory } from './segment-files.ts';

export const MANIFEST_FILE = 'aether-fs.json';

/**
 * Creates the namespace's manifest (`{"format":"aether-fs","version":1}`) atomically, or checks the
 * existing one: a store written by a later format is refused rather than misread.
 */
export async function ensureManifest(dir: string): Promise<void> {
  const path = join(dir, MANIFEST_FILE);
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    let manifest: { format?: unknown; version?: unknown };
    try {
      manifest = JSON.parse(text);
    } catch (cause) {
      throw storeUnavailable(`${path} is not valid JSON`, cause);
    }
    if (manifest.format !== 'aether-fs') throw storeUnavailable(`${path} is not an aether-fs manifest`);
    if (manifest.version !== FORMAT_VERSION) {
      throw storeUnavailable(
        `${path} has format version ${String(manifest.version)}; this release reads version ${FORMAT_VERSION}`,
      );
    }
    return;
  }
  // Write a temporary file, sync it and rename it over: readers see no manifest or a whole one.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify({ format: 'aether-fs', version: FORMAT_VERSION })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  syncDirectory(dir);
}
