import { type AetherError, ErrorCode, isAetherError } from '@aether/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Codes the API adds for failures that are about HTTP, not about the store. */
export const ApiErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  INTERNAL: 'INTERNAL',
} as const;

export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/**
 * The one table from error code to HTTP status. `satisfies` makes the compiler reject a new core
 * code that has no status here.
 */
export const STATUS_BY_CODE = {
  [ErrorCode.INVALID_EVENT]: 400,
  [ErrorCode.INVALID_SNAPSHOT]: 400,
  [ErrorCode.INVALID_ARGUMENT]: 400,
  [ErrorCode.VERSION_CONFLICT]: 409,
  [ErrorCode.DUPLICATE_EVENT_ID]: 409,
  [ErrorCode.CORRUPT_RECORD]: 500,
  [ErrorCode.STORE_CLOSED]: 503,
  [ErrorCode.STORE_UNAVAILABLE]: 503,
  [ErrorCode.NOT_SUPPORTED]: 501,
  [ApiErrorCode.UNAUTHORIZED]: 401,
  [ApiErrorCode.FORBIDDEN]: 403,
  [ApiErrorCode.NOT_FOUND]: 404,
  [ApiErrorCode.METHOD_NOT_ALLOWED]: 405,
  [ApiErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ApiErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ApiErrorCode.INTERNAL]: 500,
} as const satisfies Record<ErrorCode | ApiErrorCode, ContentfulStatusCode>;

export type AnyErrorCode = keyof typeof STATUS_BY_CODE;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** An error the API raises itself (auth, not found, limits); core errors stay `AetherError`s. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export function statusOf(code: AnyErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code];
}

function aetherDetails(error: AetherError): Record<string, unknown> | undefined {
  const details: Record<string, unknown> = { ...error.details };
  // Clients look for the failing input under one name, whatever the code.
  if (error.path !== undefined && details.field === undefined) details.field = error.path;
  return Object.keys(details).length > 0 ? details : undefined;
}

/**
 * Turns anything thrown into a status and a body. Messages of unknown errors are not shown: they may
 * carry driver text, file paths or connection strings. `known` is false for those (the caller logs).
 */
export function toErrorResponse(error: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  known: boolean;
} {
  if (isAetherError(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    const details = aetherDetails(error);
    if (details !== undefined) body.error.details = details;
    // Codes answered with 5xx still get our own message, never the cause's.
    return { status: statusOf(error.code), body, known: error.code !== ErrorCode.CORRUPT_RECORD };
  }
  if (error instanceof ApiError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: statusOf(error.code), body, known: true };
  }
  return {
    status: 500,
    body: { error: { code: ApiErrorCode.INTERNAL, message: 'internal server error' } },
    known: false,
  };
}
