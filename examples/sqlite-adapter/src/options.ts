import { AetherError, ErrorCode, isWellFormed, type ValidationOptions } from '@aether/core';

export interface SqliteEventStoreOptions extends ValidationOptions {
  /** Path of the SQLite database file; created with its tables when missing. */
  filename: string;
  /** Isolates this store from others in the same file. Default `'default'`. */
  namespace?: string;
  /**
   * How often a subscription re-reads the log without a wake-up, in ms. Writes through stores of this
   * process wake subscribers at once; this bounds the delay for writes by other processes. Default 200.
   */
  pollIntervalMs?: number;
  /** How long a write waits for another process's write lock before `STORE_UNAVAILABLE`. Default 5000. */
  busyTimeoutMs?: number;
}

export interface ResolvedOptions {
  filename: string;
  namespace: string;
  pollIntervalMs: number;
  busyTimeoutMs: number;
  validation: ValidationOptions;
}

function invalid(path: string, message: string): never {
  throw new AetherError(ErrorCode.INVALID_ARGUMENT, `${path} ${message}`, { path });
}

function positiveInteger(value: unknown, path: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return invalid(path, `must be a positive integer, got ${String(value)}`);
  }
  return value;
}

/** Checks the options once, at store creation, and fills the defaults. */
export function resolveOptions(options: SqliteEventStoreOptions): ResolvedOptions {
  if (typeof options?.filename !== 'string' || options.filename.length === 0) {
    invalid('filename', 'must be a non-empty path');
  }
  const namespace = options.namespace ?? 'default';
  if (typeof namespace !== 'string' || namespace.length === 0 || !isWellFormed(namespace)) {
    invalid('namespace', 'must be a non-empty, well-formed string');
  }
  return {
    filename: options.filename,
    namespace,
    pollIntervalMs: positiveInteger(options.pollIntervalMs, 'pollIntervalMs', 200),
    busyTimeoutMs: positiveInteger(options.busyTimeoutMs, 'busyTimeoutMs', 5000),
    validation: { maxEventBytes: options.maxEventBytes },
  };
}
