import { AetherError, type AetherStore, isAetherError } from '@aether/core';
import type { MiddlewareHandler } from 'hono';
import { ErrorSchema } from '../schemas.ts';

/** What every route module needs, worked out once by `createApp`. */
export interface RouteDeps {
  store: AetherStore;
  /** Shown by `/api/health`: `memory`, `fs`, `postgres` or a name of yours. */
  storeName: string;
  writable: boolean;
  writeGuard: MiddlewareHandler;
  traceLimit: number;
  heartbeatMs: number;
  /** Where failures the client is not told about in full are reported (as `onError` does). */
  logError: (error: unknown) => void;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `details.field` names the failing field.',
  401: 'Missing or wrong bearer token.',
  403: 'Writes are disabled (no API token configured).',
  404: 'Not found.',
  409: 'VERSION_CONFLICT or DUPLICATE_EVENT_ID, with details.',
  413: 'Request body over the limit.',
  415: 'The body is not application/json.',
  500: 'Internal error (no stack traces).',
  503: 'The store is unavailable or closed.',
};

type ErrorResponse = { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } };

/** OpenAPI responses for the given error statuses, keyed by literal status so RPC types stay exact. */
export function errorResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: ErrorResponse } {
  const responses: Record<number, ErrorResponse> = {};
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status] ?? 'Error',
      content: { 'application/json': { schema: ErrorSchema } },
    };
  }
  return responses as { [K in S[number]]: ErrorResponse };
}

/** A query number the schema has already checked to be digits; core checks its range. */
export function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** `type=a` or `type=a&type=b` as a list. */
export function typeList(type: string | string[] | undefined): string[] | undefined {
  if (type === undefined) return undefined;
  return Array.isArray(type) ? type : [type];
}

/**
 * Runs a core check of request fields and names a failing field as the request does: core says
 * `id`, `fromVersion` or `eventTypes[1]` where the URL says `eventId`, `from` or `type`.
 */
export function checkFields<T>(names: Record<string, string>, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isAetherError(error, 'INVALID_ARGUMENT') || error.path === undefined) throw error;
    const head = /^[A-Za-z]+/.exec(error.path)?.[0] ?? '';
    const field = names[head];
    if (field === undefined) throw error;
    const path = field + error.path.slice(head.length);
    throw new AetherError(error.code, error.message.replace(error.path, path), { path, cause: error.cause });
  }
}
