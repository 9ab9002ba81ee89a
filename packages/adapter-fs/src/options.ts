import { resolve } from 'node:path';
import { AetherError, ErrorCode, type ValidationOptions } from '@aether/core';
import { validateNamespace } from './namespace-path.ts';
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

/** Options with defaults filled in and every value checked. */
export interface ResolvedOptions {
  root: string;
  namespace: string;
  maxEventBytes: number | undefined;
  pollIntervalMs: number;
  segmentBytes: number;
  lockTimeoutMs: number;
  onRecovery: ((event: RecoveryEvent) => void) | undefined;
}

export const DEFAULT_POLL_INTERVAL_MS = 500;
export const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;
/** Largest accepted `maxEventBytes`: a record must fit a frame comfortably. */
export const MAX_EVENT_BYTES_LIMIT = 64 * 1024 * 1024;

function invalid(path: string, message: string): AetherError {
  return new AetherError(ErrorCode.INVALID_ARGUMENT, `${path} ${message}`, { path });
}

function integerOption(value: unknown, path: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(path, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

export function resolveOptions(options: FileEventStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { directory } = options;
  if (typeof directory !== 'string' || directory.length === 0 || directory.includes('\u0000')) {
    throw invalid('directory', 'must be a non-empty path without NUL characters');
  }
  if (options.onRecovery !== undefined && typeof options.onRecovery !== 'function') {
    throw invalid('onRecovery', 'must be a function');
  }
  return {
    root: resolve(directory),
    namespace: validateNamespace(options.namespace),
    maxEventBytes:
      options.maxEventBytes === undefined
        ? undefined
        : integerOption(options.maxEventBytes, 'maxEventBytes', 1, MAX_EVENT_BYTES_LIMIT, 0),
    pollIntervalMs: integerOption(
      options.pollIntervalMs,
      'pollIntervalMs',
      1,
      3_600_000,
      DEFAULT_POLL_INTERVAL_MS,
    ),
    segmentBytes: integerOption(options.segmentBytes, 'segmentBytes', 4096, 2 ** 40, DEFAULT_SEGMENT_BYTES),
    lockTimeoutMs: integerOption(
      options.lockTimeoutMs,
      'lockTimeoutMs',
      0,
      3_600_000,
      DEFAULT_LOCK_TIMEOUT_MS,
    ),
    onRecovery: options.onRecovery,
  };
}
