import { isAetherError, storeUnavailable } from '@aether/core';

/** What is not already an Aether error (an I/O failure) becomes `STORE_UNAVAILABLE`, keeping the cause. */
export function asAetherError(error: unknown): unknown {
  if (isAetherError(error)) return error;
  return storeUnavailable((error as Error | undefined)?.message ?? 'file system error', error);
}
