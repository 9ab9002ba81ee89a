import type { MiddlewareHandler } from 'hono';
import { ApiError, ApiErrorCode } from './error-status.ts';

/** The names a browser uses for this machine's loopback interface, as `URL.hostname` spells them. */
export const LOOPBACK_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True when the server listens on loopback only (`localhost`, `127.x.x.x`, `::1`). */
export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Refuses requests whose `Host` names another machine. A console on loopback answers reads without
 * a token; without this check a web page could rebind its own domain name to 127.0.0.1 (DNS
 * rebinding) and read the store through the visitor's browser.
 */
export function createHostGuard(allowed: readonly string[]): MiddlewareHandler {
  const names = new Set(allowed.map((name) => name.toLowerCase()));
  return async function hostGuard(c, next) {
    const hostname = hostnameOf(c.req.header('host') ?? '');
    if (hostname === undefined || !(names.has(hostname) || hostname.endsWith('.localhost'))) {
      throw new ApiError(
        ApiErrorCode.FORBIDDEN,
        'the Host header does not name this server (it serves loopback names only)',
      );
    }
    await next();
  };
}
