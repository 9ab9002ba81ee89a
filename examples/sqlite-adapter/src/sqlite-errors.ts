import { isAetherError, storeUnavailable } from '@aether/core';

/**
 * Runs a database call and lets only Aether errors out: a driver error (a busy lock held by another
 * process too long, an I/O error, a file that is not a database) becomes `STORE_UNAVAILABLE` with the
 * driver's error as `cause`, so callers never see better-sqlite3's error class.
 */
export function guard<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isAetherError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    throw storeUnavailable(`${what} failed${typeof code === 'string' ? ` (${code})` : ''}`, error);
  }
}
