import { AetherError, ErrorCode as Codes, type ErrorCode } from './errors.ts';
import { copyJsonObject, isWellFormed, JsonDomainError } from './json.ts';
import type {
  ActorSnapshot,
  AppendOptions,
  Event,
  EventMetadata,
  ExpectedVersion,
  FindByMetadataOptions,
  ListActorsOptions,
  ReadAllOptions,
  ReadStreamOptions,
} from './types.ts';

/** Default limit on an event's serialized JSON size. */
export const DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
/** Longest id, event type or actor id, in UTF-8 bytes. */
export const MAX_ID_BYTES = 1024;
/** Default and largest page size of the paged reads. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
/** Timestamps must lie in years 1 to 9999, which every backend stores exactly. */
const MIN_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface ValidationOptions {
  /** Largest serialized event in bytes; default 1 MiB. */
  maxEventBytes?: number;
}

const EVENT_KEYS = new Set([
  'id',
  'eventType',
  'actorId',
  'commandId',
  'version',
  'data',
  'metadata',
  'timestamp',
]);
// A RecordedEvent may be saved again (idempotent retry); its position is assigned by the store.
const IGNORED_EVENT_KEYS = new Set(['position']);
const DRAFT_KEYS = new Set(['id', 'eventType', 'commandId', 'data', 'metadata', 'timestamp']);
const SNAPSHOT_KEYS = new Set(['actorId', 'version', 'state', 'timestamp']);

function fail(code: ErrorCode, path: string, reason: string, cause?: unknown): never {
  throw new AetherError(code, `${path} ${reason}`, { path, cause });
}

/** UTF-8 length of a well-formed string, or -1 when it holds a control character (category Cc). */
function identifierBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f)) return -1;
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function checkIdentifier(value: unknown, path: string, code: ErrorCode): string {
  if (typeof value !== 'string') return fail(code, path, `must be a string, got ${typeof value}`);
  if (value.length === 0) return fail(code, path, 'must not be empty');
  if (!isWellFormed(value)) return fail(code, path, 'contains a lone UTF-16 surrogate');
  const bytes = identifierBytes(value);
  if (bytes < 0) return fail(code, path, 'contains a control character');
  if (bytes > MAX_ID_BYTES)
    return fail(code, path, `is ${bytes} UTF-8 bytes; at most ${MAX_ID_BYTES} are allowed`);
  return value;
}

function checkVersion(value: unknown, path: string, code: ErrorCode): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    return fail(code, path, `must be a positive safe integer, got ${String(value)}`);
  }
  return value;
}

function checkTimestamp(value: unknown, path: string, code: ErrorCode): Date {
  if (Object.prototype.toString.call(value) !== '[object Date]') {
    return fail(code, path, 'must be a Date');
  }
  const time = (value as Date).getTime();
  if (Number.isNaN(time)) return fail(code, path, 'is an invalid Date');
  if (time < MIN_TIME || time > MAX_TIME) return fail(code, path, 'must lie in the years 1 to 9999');
  return new Date(time);
}

function checkObject(value: unknown, path: string, code: ErrorCode): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(code, path, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function checkKeys(
  input: Record<string, unknown>,
  allowed: Set<string>,
  ignored: Set<string>,
  code: ErrorCode,
) {
  for (const key of Object.keys(input)) {
    if (!allowed.has(key) && !ignored.has(key) && input[key] !== undefined) {
      fail(code, key, 'is not a field of this record');
    }
  }
}

function checkJsonObject(value: unknown, path: string, code: ErrorCode) {
  try {
    return copyJsonObject(value, path);
  } catch (error) {
    if (error instanceof JsonDomainError) return fail(code, error.path, error.reason);
    throw error;
  }
}

function checkMetadata(value: unknown, path: string, code: ErrorCode): EventMetadata | undefined {
  if (value === undefined) return undefined;
  const input = checkObject(value, path, code);
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return fail(code, path, 'must be a plain object');
  const metadata: EventMetadata = {};
  for (const key of Object.keys(input)) {
    const item = input[key];
    if (item === undefined) continue;
    const itemPath = `${path}[${JSON.stringify(key)}]`;
    checkIdentifier(key, `${itemPath} (key)`, code);
    if (typeof item !== 'string') return fail(code, itemPath, `must be a string, got ${typeof item}`);
    if (item.includes('\u0000')) return fail(code, itemPath, 'contains U+0000');
    if (!isWellFormed(item)) return fail(code, itemPath, 'contains a lone UTF-16 surrogate');
    Object.defineProperty(metadata, key, {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return metadata;
}

/** UTF-8 size of the event's JSON form (timestamps as ISO strings), the measure of `maxEventBytes`. */
export function serializedEventBytes(event: Event | ActorSnapshot): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

function checkSize(record: Event | ActorSnapshot, options: ValidationOptions, code: ErrorCode): void {
  const limit = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const bytes = serializedEventBytes(record);
  if (bytes > limit) {
    fail(
      code,
      code === Codes.INVALID_SNAPSHOT ? 'state' : 'data',
      `makes the record ${bytes} bytes; the limit is ${limit}`,
    );
  }
}

/**
 * Checks an event against the input domain and returns a normalized deep copy of it
 * (undefined properties dropped, `-0` as `0`), so later changes to the input never reach the store.
 * Throws `INVALID_EVENT` naming the offending path.
 */
export function validateEvent(input: unknown, options: ValidationOptions = {}): Event {
  const code = Codes.INVALID_EVENT;
  const raw = checkObject(input, 'event', code);
  checkKeys(raw, EVENT_KEYS, IGNORED_EVENT_KEYS, code);
  const event: Event = {
    id: checkIdentifier(raw.id, 'id', code),
    eventType: checkIdentifier(raw.eventType, 'eventType', code),
    actorId: checkIdentifier(raw.actorId, 'actorId', code),
    version: checkVersion(raw.version, 'version', code),
    data: checkJsonObject(raw.data, 'data', code),
    timestamp: checkTimestamp(raw.timestamp, 'timestamp', code),
  };
  if (raw.commandId !== undefined) event.commandId = checkIdentifier(raw.commandId, 'commandId', code);
  const metadata = checkMetadata(raw.metadata, 'metadata', code);
  if (metadata !== undefined) event.metadata = metadata;
  checkSize(event, options, code);
  return event;
}

/**
 * Checks a batch for `saveEvents`: every event valid, one actor, strictly increasing versions,
 * distinct ids. Returns normalized copies. Errors name the event's index (`[2].data.x`).
 */
export function validateEventBatch(input: unknown, options: ValidationOptions = {}): Event[] {
  if (!Array.isArray(input)) fail(Codes.INVALID_EVENT, 'events', 'must be an array');
  const events = input.map((item, index) => {
    try {
      return validateEvent(item, options);
    } catch (error) {
      throw prefixPath(error, `[${index}]`);
    }
  });
  const ids = new Set<string>();
  events.forEach((event, index) => {
    const first = events[0] as Event;
    if (event.actorId !== first.actorId) {
      fail(Codes.INVALID_EVENT, `[${index}].actorId`, 'differs from the batch: a batch holds one actor');
    }
    if (index > 0 && event.version <= (events[index - 1] as Event).version) {
      fail(
        Codes.INVALID_EVENT,
        `[${index}].version`,
        'must be greater than the version before it in the batch',
      );
    }
    if (ids.has(event.id)) fail(Codes.INVALID_EVENT, `[${index}].id`, 'repeats an id of the same batch');
    ids.add(event.id);
  });
  return events;
}

function prefixPath(error: unknown, prefix: string): unknown {
  if (!(error instanceof AetherError) || error.path === undefined) return error;
  const path = `${prefix}${error.path.startsWith('[') ? '' : '.'}${error.path}`;
  return new AetherError(error.code, error.message.replace(error.path, path), { path, cause: error.cause });
}

/** A draft checked and completed for `appendEvents`: everything of an event but the version. */
export type ValidatedDraft = Omit<Event, 'version'>;

/**
 * Checks drafts for `appendEvents` and fills missing ids and timestamps. `newId` makes ids
 * (core passes UUIDv7). Errors name the draft's index.
 */
export function validateDrafts(
  actorId: unknown,
  input: unknown,
  newId: () => string,
  options: ValidationOptions = {},
): ValidatedDraft[] {
  const actor = checkIdentifier(actorId, 'actorId', Codes.INVALID_EVENT);
  if (!Array.isArray(input)) fail(Codes.INVALID_EVENT, 'events', 'must be an array');
  const ids = new Set<string>();
  return input.map((item, index) => {
    try {
      const raw = checkObject(item, 'draft', Codes.INVALID_EVENT);
      checkKeys(raw, DRAFT_KEYS, IGNORED_EVENT_KEYS, Codes.INVALID_EVENT);
      const event = validateEvent(
        {
          ...raw,
          id: raw.id === undefined ? newId() : raw.id,
          timestamp: raw.timestamp === undefined ? new Date() : raw.timestamp,
          actorId: actor,
          version: 1,
        },
        options,
      );
      if (ids.has(event.id)) fail(Codes.INVALID_EVENT, 'id', 'repeats an id of the same batch');
      ids.add(event.id);
      const { version: _version, ...draft } = event;
      return draft;
    } catch (error) {
      throw prefixPath(error, `[${index}]`);
    }
  });
}

/** Checks a snapshot's shape and returns a deep copy; throws `INVALID_SNAPSHOT`. */
export function validateSnapshot(input: unknown, options: ValidationOptions = {}): ActorSnapshot {
  const code = Codes.INVALID_SNAPSHOT;
  const raw = checkObject(input, 'snapshot', code);
  checkKeys(raw, SNAPSHOT_KEYS, new Set(), code);
  const snapshot: ActorSnapshot = {
    actorId: checkIdentifier(raw.actorId, 'actorId', code),
    version: checkVersion(raw.version, 'version', code),
    state: checkJsonObject(raw.state, 'state', code),
    timestamp: checkTimestamp(raw.timestamp, 'timestamp', code),
  };
  checkSize(snapshot, options, code);
  return snapshot;
}

/** A snapshot may not claim a version the actor has not reached. */
export function checkSnapshotVersion(snapshot: ActorSnapshot, latestVersion: number): void {
  if (snapshot.version > latestVersion) {
    throw new AetherError(
      Codes.INVALID_SNAPSHOT,
      `snapshot version ${snapshot.version} is above actor ${JSON.stringify(snapshot.actorId)}'s latest event version ${latestVersion}`,
      { path: 'version', details: { actorId: snapshot.actorId, version: snapshot.version, latestVersion } },
    );
  }
}

/** Checks an actor id given to a read; throws `INVALID_ARGUMENT`. */
export function validateActorId(actorId: unknown): string {
  return checkIdentifier(actorId, 'actorId', Codes.INVALID_ARGUMENT);
}

/** Checks an event id given to `getEventById`; throws `INVALID_ARGUMENT`. */
export function validateEventId(id: unknown): string {
  return checkIdentifier(id, 'id', Codes.INVALID_ARGUMENT);
}

/** Checks `fromVersion` (default 0, meaning the whole stream); throws `INVALID_ARGUMENT`. */
export function validateFromVersion(fromVersion: unknown): number {
  if (fromVersion === undefined) return 0;
  if (typeof fromVersion !== 'number' || !Number.isSafeInteger(fromVersion) || fromVersion < 0) {
    return fail(
      Codes.INVALID_ARGUMENT,
      'fromVersion',
      `must be a non-negative safe integer, got ${String(fromVersion)}`,
    );
  }
  return fromVersion;
}

function checkPosition(value: unknown, path: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    return fail(Codes.INVALID_ARGUMENT, path, `must be a non-negative safe integer, got ${String(value)}`);
  }
  return value;
}

function checkLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_PAGE_LIMIT;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_PAGE_LIMIT) {
    return fail(
      Codes.INVALID_ARGUMENT,
      'limit',
      `must be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${String(value)}`,
    );
  }
  return value;
}

function checkEventTypes(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return fail(Codes.INVALID_ARGUMENT, 'eventTypes', 'must be an array of strings');
  return value.map((type, index) => checkIdentifier(type, `eventTypes[${index}]`, Codes.INVALID_ARGUMENT));
}

export interface NormalizedListActorsOptions {
  prefix: string;
  after: string | undefined;
  limit: number;
}

export function normalizeListActorsOptions(options: ListActorsOptions = {}): NormalizedListActorsOptions {
  const prefix = options.prefix ?? '';
  // Lone surrogates too: a backend would compare their UTF-8 replacement, not the prefix given.
  if (typeof prefix !== 'string' || !isWellFormed(prefix) || (prefix !== '' && identifierBytes(prefix) < 0)) {
    fail(Codes.INVALID_ARGUMENT, 'prefix', 'must be a well-formed string without control characters');
  }
  const after =
    options.after === undefined ? undefined : checkIdentifier(options.after, 'after', Codes.INVALID_ARGUMENT);
  return { prefix, after, limit: checkLimit(options.limit) };
}

export interface NormalizedReadAllOptions {
  after: number;
  limit: number;
  eventTypes: string[] | undefined;
}

export function normalizeReadAllOptions(options: ReadAllOptions = {}): NormalizedReadAllOptions {
  return {
    after: checkPosition(options.after, 'after'),
    limit: checkLimit(options.limit),
    eventTypes: checkEventTypes(options.eventTypes),
  };
}

export interface NormalizedReadStreamOptions {
  actorId: string;
  fromVersion: number;
  limit: number;
}

export function normalizeReadStreamOptions(
  actorId: unknown,
  options: ReadStreamOptions = {},
): NormalizedReadStreamOptions {
  return {
    actorId: validateActorId(actorId),
    fromVersion: validateFromVersion(options.fromVersion),
    limit: checkLimit(options.limit),
  };
}

export interface NormalizedFindByMetadataOptions {
  key: string;
  value: string;
  after: number;
  limit: number;
}

export function normalizeFindByMetadataOptions(
  key: unknown,
  value: unknown,
  options: FindByMetadataOptions = {},
): NormalizedFindByMetadataOptions {
  const checkedKey = checkIdentifier(key, 'key', Codes.INVALID_ARGUMENT);
  if (typeof value !== 'string' || value.length === 0)
    fail(Codes.INVALID_ARGUMENT, 'value', 'must be a non-empty string');
  // No stored metadata value holds these, and Postgres text cannot even carry U+0000 in a query.
  if (value.includes('\u0000') || !isWellFormed(value))
    fail(Codes.INVALID_ARGUMENT, 'value', 'must not contain U+0000 or a lone UTF-16 surrogate');
  return {
    key: checkedKey,
    value,
    after: checkPosition(options.after, 'after'),
    limit: checkLimit(options.limit),
  };
}

export function normalizeSubscribeOptions(options: { after?: number; eventTypes?: readonly string[] } = {}) {
  return { after: checkPosition(options.after, 'after'), eventTypes: checkEventTypes(options.eventTypes) };
}

/** Checks `expectedVersion` (default `'any'`). */
export function normalizeAppendOptions(options: AppendOptions = {}): ExpectedVersion {
  const expected = options.expectedVersion ?? 'any';
  if (expected === 'any' || expected === 'no_stream') return expected;
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    return fail(
      Codes.INVALID_ARGUMENT,
      'expectedVersion',
      `must be a non-negative safe integer, 'no_stream' or 'any', got ${String(expected)}`,
    );
  }
  return expected;
}

/** Whether an append with `expected` may proceed when the actor's latest version is `current`. */
export function matchesExpectedVersion(expected: ExpectedVersion, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 0;
  return expected === current;
}
