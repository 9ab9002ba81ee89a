import { AetherError, isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { driverCode, isRetryableConflict, isUniqueViolation, toAetherError } from './pg-errors.ts';

const driverError = (code: string) => Object.assign(new Error(`driver ${code}`), { code });
// What Drizzle throws: its own error with the postgres.js error as `cause`.
const wrapped = (code: string) => new Error('Failed query', { cause: driverError(code) });

describe('driver errors', () => {
  it('finds the code on the error or down its cause chain', () => {
    expect(driverCode(driverError('23505'))).toBe('23505');
    expect(driverCode(wrapped('40001'))).toBe('40001');
    expect(driverCode(new Error('plain'))).toBeUndefined();
    expect(isUniqueViolation(wrapped('23505'))).toBe(true);
    expect(isRetryableConflict(wrapped('40P01'))).toBe(true);
    expect(isRetryableConflict(wrapped('23505'))).toBe(false);
  });

  it('become STORE_UNAVAILABLE keeping the cause, or STORE_CLOSED once closed; Aether errors pass', () => {
    for (const code of ['ECONNREFUSED', 'CONNECTION_CLOSED', '57P01', '08006', '42P01']) {
      const error = toAetherError(wrapped(code), false);
      expect(isAetherError(error, 'STORE_UNAVAILABLE')).toBe(true);
      expect(error.message).toContain(code);
      expect((error.cause as Error).cause).toMatchObject({ code });
    }
    expect(isAetherError(toAetherError(driverError('CONNECTION_ENDED'), true), 'STORE_CLOSED')).toBe(true);
    const own = new AetherError('VERSION_CONFLICT', 'conflict');
    expect(toAetherError(own, false)).toBe(own);
  });
});
