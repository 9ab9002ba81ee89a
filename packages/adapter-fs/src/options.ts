import type { ValidationOptions } from '@aether/core';
import type { RecoveryEvent } from './recovery.ts';

export interface FileEventStoreOptions extends ValidationOptions {
  /** Directory holding the store; created when missing. Every file the store touches lies inside it. */
  directory: string;
  /**
   * Isolates one logical store from others in the same directory. Any string of 1-64 UTF-8 bytes;
   * it is encoded into a sub-directory name, never used as a path. Default `'default'`.
   */
  namespace?: string;
  /** How often subscriptions re-read the log when no change notification arrived. Default 500 ms. */
  pollIntervalMs?: number;
  /** A new segment file is started once the current one reaches this size. Default 64 MiB. */
  segmentBytes?: number;
  /** How long a write waits for another writer's lock before failing `STORE_UNAVAILABLE`. Default 30 s. */
  lockTimeoutMs?: number;
  /** Called for every repair made while reading the log (torn tail truncated, damaged region skipped). */
  onRecovery?: (event: RecoveryEvent) => void;
}
