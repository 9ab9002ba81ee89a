import { describe, expect, it } from 'vitest';
import { median, percentile, perSecond, pooledPercentiles } from './stats.ts';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values and leaves its input unsorted', () => {
    expect(median([])).toBeNaN();
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  it('uses the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });
  it('sorts numerically, not as text', () => {
    expect(percentile([10, 9, 100], 50)).toBe(10);
  });
  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('perSecond', () => {
  it('scales units per millisecond to per second and is 0 for no time', () => {
    expect(perSecond(500, 250)).toBe(2000);
    expect(perSecond(5, 0)).toBe(0);
  });
});

describe('pooledPercentiles', () => {
  it('ranks the values of all samples together', () => {
    const chunks = [
      Array.from({ length: 50 }, (_, i) => i + 51),
      Array.from({ length: 50 }, (_, i) => 50 - i),
    ];
    expect(pooledPercentiles(chunks, [50, 99, 100])).toEqual([50, 99, 100]);
  });
  it('keeps a tail that only one sample had', () => {
    const calm = Array.from({ length: 99 }, () => 1);
    expect(pooledPercentiles([calm, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 500]], [99])).toEqual([1]);
    expect(pooledPercentiles([calm, [500, 500]], [99])).toEqual([500]);
  });
  it('is NaN for no values', () => {
    expect(pooledPercentiles([[], []], [50])).toEqual([Number.NaN]);
  });
});
