import { AetherError, type AetherStore, ErrorCode } from '@aether/core';
import type { FileEventStoreOptions } from './options.ts';
import type { RecoveryReport } from './recovery.ts';

/** A store on a local directory: the whole Aether contract plus what it repaired on the way. */
export interface FileEventStore extends AetherStore {
  /** Absolute path of the namespace's directory. */
  readonly path: string;
  readonly namespace: string;
  /** Repairs and findings since the store was opened (torn tails, damaged regions, stale locks). */
  readonly recovery: RecoveryReport;
}

/** Opens (creating when needed) a file store in `options.directory`. */
export async function createFileEventStore(options: FileEventStoreOptions): Promise<FileEventStore> {
  throw new AetherError(
    ErrorCode.NOT_SUPPORTED,
    `the file store is not implemented yet (${options.directory})`,
  );
}
