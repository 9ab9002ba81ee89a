import { describe, expect, it } from 'vitest';
import {
  AetherError,
  corruptRecord,
  duplicateEventId,
  ErrorCode,
  expectedVersionMismatch,
  isAetherError,
  isVersionConflict,
  storeClosed,
  storeUnavailable,
  versionConflict,
} from './errors.ts';

/** What a second copy of @aether/core (another version in node_modules) would construct. */
class ForeignAetherError extends Error {
  readonly code: string;
  constructor(code: string) {
    super(`foreign ${code}`);
    this.code = code;
    Object.defineProperty(this, Symbol.for('@aether/core/AetherError'), { value: true });
  }
}

describe('AetherError', () => {
  it('has a stable string code for every documented failure', () => {
    expect(Object.values(ErrorCode).sort()).toEqual([
      'CORRUPT_RECORD',
      'DUPLICATE_EVENT_ID',
      'INVALID_ARGUMENT',
      'INVALID_EVENT',
      'INVALID_SNAPSHOT',
      'NOT_SUPPORTED',
      'STORE_CLOSED',
      'STORE_UNAVAILABLE',
      'VERSION_CONFLICT',
    ]);
    for (const [key, value] of Object.entries(ErrorCode)) expect(key).toBe(value);
  });

  it('carries code, message, path, details and cause', () => {
    const cause = new Error('driver failed');
    const error = new AetherError('INVALID_EVENT', 'data.x is bad', { path: 'data.x', cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AetherError');
    expect(error.code).toBe('INVALID_EVENT');
    expect(error.message).toBe('data.x is bad');
    expect(error.path).toBe('data.x');
    expect(error.details).toEqual({ path: 'data.x' });
    expect(error.cause).toBe(cause);
    expect(new AetherError('NOT_SUPPORTED', 'no').cause).toBeUndefined();
    expect(new AetherError('NOT_SUPPORTED', 'no', { details: { a: 1 } }).details).toEqual({ a: 1 });
  });

  it('is recognised by isAetherError, with or without a code', () => {
    const error = storeClosed();
    expect(isAetherError(error)).toBe(true);
    expect(isAetherError(error, 'STORE_CLOSED')).toBe(true);
    expect(isAetherError(error, 'VERSION_CONFLICT')).toBe(false);
    for (const value of [null, undefined, 'STORE_CLOSED', 42, new Error('x'), { code: 'STORE_CLOSED' }]) {
      expect(isAetherError(value), String(value)).toBe(false);
    }
  });

  it('recognises errors of a duplicate copy of the package through the Symbol.for brand', () => {
    const foreign = new ForeignAetherError('VERSION_CONFLICT');
    expect(isAetherError(foreign)).toBe(true);
    expect(isAetherError(foreign, 'VERSION_CONFLICT')).toBe(true);
    expect(isVersionConflict(foreign)).toBe(true);
    expect(foreign instanceof AetherError).toBe(true);
    expect(new Error('plain') instanceof AetherError).toBe(false);
    expect({ code: 'VERSION_CONFLICT' } instanceof AetherError).toBe(false);
  });

  it('does not let the brand leak into JSON or enumeration', () => {
    const error = duplicateEventId('e-1');
    expect(Object.keys(error)).not.toContain(String(Symbol.for('@aether/core/AetherError')));
    expect(Object.getOwnPropertySymbols(error)).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptor(error, Symbol.for('@aether/core/AetherError'))?.enumerable).toBe(
      false,
    );
  });
});

describe('version conflicts', () => {
  it('carry actorId, attemptedVersion and currentVersion as properties and details', () => {
    const error = versionConflict('order-1', 3, 5);
    expect(isVersionConflict(error)).toBe(true);
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error).toMatchObject({ actorId: 'order-1', attemptedVersion: 3, currentVersion: 5 });
    expect(error.details).toEqual({ actorId: 'order-1', attemptedVersion: 3, currentVersion: 5 });
    expect(error.message).toContain('order-1');
  });

  it('from an append name the expectation; no_stream counts as 0 attempted', () => {
    const numeric = expectedVersionMismatch('a', 2, 4);
    expect(numeric).toMatchObject({ actorId: 'a', attemptedVersion: 2, currentVersion: 4 });
    expect(numeric.details).toMatchObject({ expectedVersion: 2 });
    expect(numeric.message).toContain('expected 2');
    const noStream = expectedVersionMismatch('a', 'no_stream', 1);
    expect(noStream).toMatchObject({ attemptedVersion: 0, currentVersion: 1 });
    expect(noStream.details).toMatchObject({ expectedVersion: 'no_stream' });
    expect(isVersionConflict(noStream)).toBe(true);
  });

  it('are not confused with other codes', () => {
    expect(isVersionConflict(duplicateEventId('x'))).toBe(false);
    expect(isVersionConflict(new Error('VERSION_CONFLICT'))).toBe(false);
  });
});

describe('error factories', () => {
  it('build the documented codes and keep causes', () => {
    const cause = new Error('ECONNREFUSED');
    expect(duplicateEventId('e-1')).toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
      details: { eventId: 'e-1' },
    });
    expect(storeClosed().code).toBe('STORE_CLOSED');
    const corrupt = corruptRecord('bad json', { cause, details: { position: 7 } });
    expect(corrupt).toMatchObject({ code: 'CORRUPT_RECORD', details: { position: 7 } });
    expect(corrupt.cause).toBe(cause);
    const unavailable = storeUnavailable('connection lost', cause);
    expect(unavailable.code).toBe('STORE_UNAVAILABLE');
    expect(unavailable.cause).toBe(cause);
    expect(unavailable.message).toContain('connection lost');
  });
});
