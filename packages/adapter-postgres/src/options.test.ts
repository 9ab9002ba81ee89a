import { isAetherError } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLL_INTERVAL_MS, validatePollInterval, validateSchemaName } from './options.ts';

describe('validateSchemaName', () => {
  it('accepts identifiers of letters, digits and underscores up to 63 characters', () => {
    for (const name of ['aether', 'Aether_2', '_x', 'a'.repeat(63)])
      expect(validateSchemaName(name)).toBe(name);
  });

  it('refuses anything that would need more than quoting, with INVALID_ARGUMENT', () => {
    for (const name of [
      '',
      '2x',
      'a b',
      'a-b',
      'a"b',
      'a.b',
      'a;drop',
      'é',
      'a'.repeat(64),
      'pg_temp',
      'PG_x',
      1,
      null,
    ]) {
      let error: unknown;
      try {
        validateSchemaName(name);
      } catch (caught) {
        error = caught;
      }
      expect(isAetherError(error, 'INVALID_ARGUMENT'), String(name)).toBe(true);
    }
  });
});

describe('validatePollInterval', () => {
  it('defaults, accepts positive integers and refuses the rest', () => {
    expect(validatePollInterval(undefined)).toBe(DEFAULT_POLL_INTERVAL_MS);
    expect(validatePollInterval(50)).toBe(50);
    for (const value of [0, -1, 1.5, Number.NaN, '100']) {
      expect(() => validatePollInterval(value)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });
});
