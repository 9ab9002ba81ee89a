import { AetherError, ErrorCode, isAetherError, storeUnavailable } from '@aether/core';

/** The first `code` on the error or its `cause` chain (drizzle wraps postgres.js errors). */
export function driverCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => driverCode(error) === '23505';

/** Serialization failure or deadlock: the statement did nothing and may simply run again. */
export const isRetryableConflict = (error: unknown) => {
  const code = driverCode(error);
  return code === '40001' || code === '40P01';
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns any driver failure into an `AetherError`: Aether errors pass through; everything else
 * (refused or dropped connections, 57P01 admin shutdown, 08xxx, timeouts, missing tables...) is
 * `STORE_UNAVAILABLE` with the driver error as `cause`. A single statement either committed
 * whole or not at all, so nothing is half-written.
 */
export function toAetherError(error: unknown, closed: boolean): Error {
  if (isAetherError(error)) return error;
  if (closed) return new AetherError(ErrorCode.STORE_CLOSED, 'the store is closed', { cause: error });
  return storeUnavailable(`${describe(error)}${codeSuffix(error)}`, error);
}

function codeSuffix(error: unknown): string {
  const code = driverCode(error);
  return code === undefined ? '' : ` (${code})`;
}
