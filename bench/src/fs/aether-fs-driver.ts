import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileEventStore } from '@aether/adapter-fs';
import { aetherDriver } from '../aether-driver.ts';
import type { Driver } from '../driver.ts';
import type { OpenedStore } from '../opened-store.ts';

/** Our file store in a fresh temporary directory (fdatasync before every acknowledgement). */
export async function openFsStore(): Promise<OpenedStore> {
  const directory = await mkdtemp(join(tmpdir(), 'aether-bench-fs-'));
  const remove = () => rm(directory, { recursive: true, force: true });
  try {
    return { store: await createFileEventStore({ directory }), cleanup: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

export async function openAetherFs(): Promise<Driver> {
  return aetherDriver(await openFsStore());
}
