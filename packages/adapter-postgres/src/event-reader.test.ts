import { describe, expect, it } from 'vitest';
import { prefixPattern } from './event-reader.ts';

describe('prefixPattern', () => {
  it('escapes the LIKE wildcards and the escape character, then matches any tail', () => {
    expect(prefixPattern('order-')).toBe('order-%');
    expect(prefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
    expect(prefixPattern('')).toBe('%');
  });
});
