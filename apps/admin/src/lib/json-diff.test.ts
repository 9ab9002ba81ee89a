import { describe, expect, it } from 'vitest';
import { diffJson, joinPath } from './json-diff.ts';

describe('diffJson', () => {
  it('reports nothing for equal values', () => {
    expect(diffJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toEqual([]);
  });

  it('reports added, removed and changed keys with their paths', () => {
    expect(
      diffJson({ a: 1, gone: true, nested: { n: 1 } }, { a: 2, nested: { n: 1, m: null }, fresh: 'y' }),
    ).toEqual([
      { path: 'a', kind: 'changed', before: 1, after: 2 },
      { path: 'gone', kind: 'removed', before: true },
      { path: 'nested.m', kind: 'added', after: null },
      { path: 'fresh', kind: 'added', after: 'y' },
    ]);
  });

  it('compares arrays index by index', () => {
    expect(diffJson({ items: [1, 2, 3] }, { items: [1, 5] })).toEqual([
      { path: 'items[1]', kind: 'changed', before: 2, after: 5 },
      { path: 'items[2]', kind: 'removed', before: 3 },
    ]);
  });

  it('treats a change of kind as one change', () => {
    expect(diffJson({ v: { a: 1 } }, { v: [1] })).toEqual([
      { path: 'v', kind: 'changed', before: { a: 1 }, after: [1] },
    ]);
  });

  it('stops at the limit', () => {
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i + 1]));
    expect(diffJson(before, after, 10)).toHaveLength(10);
  });
});

describe('joinPath', () => {
  it('quotes keys that are not identifiers', () => {
    expect(joinPath('', 'total')).toBe('total');
    expect(joinPath('a', 'b c')).toBe('a["b c"]');
    expect(joinPath('a', 3)).toBe('a[3]');
    expect(joinPath('', '<img src=x>')).toBe('["<img src=x>"]');
  });
});
