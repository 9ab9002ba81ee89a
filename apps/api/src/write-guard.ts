import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError, ApiErrorCode } from './error-status.ts';

// Hashing both sides gives equal-length buffers, so the comparison time says nothing about the
// token's length or its matching prefix.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when `given` equals `expected`, in time that does not depend on where they differ. */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Guards write routes: `Authorization: Bearer <token>` must carry the configured token. With no
 * token configured the console is read-only and every write is refused (403).
 */
export function createWriteGuard(apiToken: string | undefined): MiddlewareHandler {
  const token = apiToken === undefined || apiToken === '' ? undefined : apiToken;
  return async function writeGuard(c, next) {
    if (token === undefined) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        'writes are disabled: this console is read-only (start it with AETHER_API_TOKEN to allow writes)',
      );
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (match === null || !tokensMatch(match[1] as string, token)) {
      c.header('WWW-Authenticate', 'Bearer realm="aether"');
      throw new ApiError(
        ApiErrorCode.UNAUTHORIZED,
        match === null ? 'missing bearer token' : 'invalid bearer token',
      );
    }
    await next();
  };
}
