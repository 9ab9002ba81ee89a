import { describe, expect, it } from 'vitest';
import { formatAgo, formatCount, formatDuration, shortId } from './format.ts';

describe('format', () => {
  it('formats counts with separators', () => {
    expect(formatCount(10000)).toBe('10,000');
  });

  it('formats durations at a readable scale', () => {
    expect(formatDuration(12)).toBe('12 ms');
    expect(formatDuration(1500)).toBe('1.50 s');
    expect(formatDuration(90_000)).toBe('1.5 min');
  });

  it('says how long ago', () => {
    const now = Date.parse('2026-01-05T10:00:00Z');
    expect(formatAgo('2026-01-05T09:57:00Z', now)).toBe('3 min ago');
    expect(formatAgo('2026-01-05T10:00:00Z', now)).toBe('just now');
    expect(formatAgo('2026-01-01T10:00:00Z', now)).toBe('4 d ago');
    expect(formatAgo('2025-11-26T10:00:00Z', now)).toBe('40 d ago');
    // Months and years, not `298 d ago`.
    expect(formatAgo('2025-03-12T12:00:00Z', now)).toBe('9 mo ago');
    expect(formatAgo('2023-12-01T12:00:00Z', now)).toBe('2 y ago');
  });

  it('shortens long ids only', () => {
    expect(shortId('abc')).toBe('abc');
    expect(shortId('0190f3a2-1111-7000-8000-000000000000')).toBe('0190f3a2…');
  });
});
