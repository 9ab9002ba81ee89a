/** Stable error codes. Messages may change between releases; codes do not. */
export const ErrorCode = {
  /** A save's version is not above the actor's latest, or `expectedVersion` did not match. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** An event (or draft) is outside the input domain; `path` names the offending field. */
  INVALID_EVENT: 'INVALID_EVENT',
  /** A snapshot is outside the input domain or above the actor's latest event version. */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
  /** A query argument (actor id, version, cursor, limit) is invalid. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** A different event reuses an id that is already stored. */
  DUPLICATE_EVENT_ID: 'DUPLICATE_EVENT_ID',
  /** A stored record cannot be decoded. */
  CORRUPT_RECORD: 'CORRUPT_RECORD',
  /** The store was closed. */
  STORE_CLOSED: 'STORE_CLOSED',
  /** The backend cannot be reached; nothing was half-written. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** The store does not implement this operation. */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

// A registry-wide symbol, so that two copies of this package recognise each other's errors.
const AETHER_ERROR = Symbol.for('@aether/core/AetherError');

export interface AetherErrorOptions {
  cause?: unknown;
  /** Path of the offending field in an invalid input, such as `data.items[2].price`. */
  path?: string;
  /** Extra, JSON-safe facts about the failure (shown by the console API as `details`). */
  details?: Record<string, unknown>;
}

/** The one error class of Aether. Test it with `isAetherError(err, code)`, not `instanceof`. */
export class AetherError extends Error {
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AetherErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AetherError';
    this.code = code;
    this.path = options.path;
    this.details = options.details ?? (options.path === undefined ? {} : { path: options.path });
    Object.defineProperty(this, AETHER_ERROR, { value: true });
  }

  // `instanceof` works across duplicate copies of the package as well.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isAetherError(value);
  }
}

export interface VersionConflictError extends AetherError {
  readonly code: 'VERSION_CONFLICT';
  readonly actorId: string;
  readonly attemptedVersion: number;
  readonly currentVersion: number;
}

export function isAetherError<C extends ErrorCode>(
  value: unknown,
  code?: C,
): value is AetherError & { readonly code: C } {
  if (typeof value !== 'object' || value === null) return false;
  if ((value as Record<symbol, unknown>)[AETHER_ERROR] !== true) return false;
  return code === undefined || (value as AetherError).code === code;
}

export function isVersionConflict(value: unknown): value is VersionConflictError {
  return isAetherError(value, ErrorCode.VERSION_CONFLICT);
}

/**
 * A version conflict. `attemptedVersion` is the version the caller tried to write (for an append,
 * the expected version it passed); `currentVersion` is the actor's latest version.
 */
export function versionConflict(
  actorId: string,
  attemptedVersion: number,
  currentVersion: number,
  cause?: unknown,
): VersionConflictError {
  return conflict(
    `version conflict: actor ${JSON.stringify(actorId)} has version ${currentVersion}, cannot save version ${attemptedVersion}`,
    { actorId, attemptedVersion, currentVersion },
    cause,
  );
}

/** An append whose `expectedVersion` does not match the actor's latest version. */
export function expectedVersionMismatch(
  actorId: string,
  expectedVersion: number | 'no_stream',
  currentVersion: number,
  cause?: unknown,
): VersionConflictError {
  const attemptedVersion = expectedVersion === 'no_stream' ? 0 : expectedVersion;
  return conflict(
    `version conflict: actor ${JSON.stringify(actorId)} has version ${currentVersion}, expected ${expectedVersion}`,
    { actorId, attemptedVersion, currentVersion, expectedVersion },
    cause,
  );
}

function conflict(
  message: string,
  details: { actorId: string; attemptedVersion: number; currentVersion: number; expectedVersion?: unknown },
  cause: unknown,
): VersionConflictError {
  const error = new AetherError(ErrorCode.VERSION_CONFLICT, message, { cause, details });
  const { actorId, attemptedVersion, currentVersion } = details;
  return Object.assign(error, { actorId, attemptedVersion, currentVersion }) as VersionConflictError;
}

export function duplicateEventId(id: string, cause?: unknown): AetherError {
  return new AetherError(
    ErrorCode.DUPLICATE_EVENT_ID,
    `event id ${JSON.stringify(id)} is already stored for a different actor or version`,
    { cause, details: { eventId: id } },
  );
}

export function storeClosed(): AetherError {
  return new AetherError(ErrorCode.STORE_CLOSED, 'the store is closed');
}

export function corruptRecord(message: string, options: AetherErrorOptions = {}): AetherError {
  return new AetherError(ErrorCode.CORRUPT_RECORD, `corrupt record: ${message}`, options);
}

export function storeUnavailable(message: string, cause?: unknown): AetherError {
  return new AetherError(ErrorCode.STORE_UNAVAILABLE, `store unavailable: ${message}`, { cause });
}
