/** Codes the console adds to the API's own (`NOT_FOUND`, `INVALID_ARGUMENT`, `STORE_UNAVAILABLE`, ...). */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: the API is down or the network is gone. */
  unreachable: 'API_UNREACHABLE',
  /** An answer that is not the API's JSON (a proxy's error page, a truncated body). */
  badResponse: 'BAD_RESPONSE',
} as const;

/** A failed API call: the API's `{ error: { code, message, details } }`, or one of the client codes. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string;
  /** HTTP status; 0 when no answer came. */
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export const isNotFound = (error: unknown): boolean => isApiError(error) && error.status === 404;

export const isUnreachable = (error: unknown): boolean =>
  isApiError(error) && error.code === CLIENT_ERROR_CODES.unreachable;

/** Turns a non-2xx response into an `ApiError`, keeping the API's code and message when it sent them. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = body.error;
    if (error && typeof error.code === 'string' && typeof error.message === 'string') {
      const details =
        error.details && typeof error.details === 'object'
          ? (error.details as Record<string, unknown>)
          : undefined;
      return new ApiError(error.code, error.message, response.status, details);
    }
  } catch {
    // Not JSON: a proxy or gateway answered for the API.
  }
  const code =
    response.status === 502 || response.status === 504 ? CLIENT_ERROR_CODES.unreachable : 'BAD_RESPONSE';
  return new ApiError(
    code,
    `The API answered ${response.status} ${response.statusText}`.trim(),
    response.status,
  );
}
