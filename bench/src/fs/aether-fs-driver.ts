import { createFileEventStore } from '@aether/adapter-fs';
import { aetherDriver } from '../aether-driver.ts';
import type { Driver } from '../driver.ts';
import type { OpenedStore } from '../opened-store.ts';
import { makeTempDir, removeTempDir } from '../temp-dirs.ts';

/** Our file store in a fresh temporary directory (fdatasync before every acknowledgement). */
export async function openFsStore(): Promise<OpenedStore> {
  const directory = await makeTempDir('aether-bench-fs-');
  const remove = () => removeTempDir(directory);
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
