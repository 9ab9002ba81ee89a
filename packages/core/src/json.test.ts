import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonValue, propertySeed } from './conformance/arbitraries.ts';
import { copyJsonObject, copyJsonValue, isWellFormed, JsonDomainError, MAX_JSON_DEPTH } from './json.ts';

function domainError(action: () => unknown): JsonDomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof JsonDomainError) return error;
    throw error;
  }
  throw new Error('expected a JsonDomainError');
}

describe('copyJsonValue', () => {
  it('returns a deep copy equal to the JSON round trip of any valid value (property)', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const copy = copyJsonValue(value, 'value');
        expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
      { seed: propertySeed(), numRuns: 500 },
    );
  });

  it('turns -0 into 0 and drops undefined properties', () => {
    const copy = copyJsonValue({ z: -0, list: [-0], gone: undefined, nested: { gone: undefined } }, 'v');
    expect(copy).toEqual({ z: 0, list: [0], nested: {} });
    expect(Object.is((copy as { z: number }).z, 0)).toBe(true);
    expect(Object.keys(copy as object)).toEqual(['z', 'list', 'nested']);
  });

  it('keeps __proto__ as an own key without touching the prototype', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"a":1}');
    const copy = copyJsonObject(input, 'data');
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('accepts null-prototype objects', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(copyJsonObject(input, 'data')).toEqual({ a: 1 });
  });

  it('names the offending path and reason', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ a: [1, { b: Number.NaN }] }, 'data.a[1].b', /finite/],
      [{ 'my key': 1n }, 'data["my key"]', /bigint/],
      [{ f: () => 1 }, 'data.f', /function/],
      [{ s: Symbol('x') }, 'data.s', /symbol/],
      [{ d: new Date(0) }, 'data.d', /Date/],
      [{ m: new Map() }, 'data.m', /Map/],
      [{ t: 'a\u0000' }, 'data.t', /U\+0000/],
      [{ t: '\udc00' }, 'data.t', /surrogate/],
      [{ 'k\ud800': 1 }, 'data["k\\ud800"] (key)', /surrogate/],
      [{ list: [undefined] }, 'data.list[0]', /undefined/],
    ];
    for (const [value, path, reason] of cases) {
      const error = domainError(() => copyJsonObject(value, 'data'));
      expect(error.path, path).toBe(path);
      expect(error.reason).toMatch(reason);
    }
  });

  it('rejects cycles but accepts the same object twice in different branches', () => {
    const shared = { x: 1 };
    expect(copyJsonObject({ a: shared, b: shared }, 'data')).toEqual({ a: { x: 1 }, b: { x: 1 } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(domainError(() => copyJsonObject(cyclic, 'data')).path).toBe('data.self');
  });

  it(`rejects nesting deeper than ${MAX_JSON_DEPTH} and accepts it up to the limit`, () => {
    const nest = (depth: number) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = [value];
      return { root: value };
    };
    expect(() => copyJsonObject(nest(MAX_JSON_DEPTH - 1), 'data')).not.toThrow();
    expect(domainError(() => copyJsonObject(nest(MAX_JSON_DEPTH + 5), 'data')).reason).toMatch(/deeper/);
  });

  it('requires a plain object at the top of copyJsonObject', () => {
    for (const value of [null, [], 'x', 1, new Date()]) {
      expect(domainError(() => copyJsonObject(value, 'state')).path).toBe('state');
    }
  });
});

describe('isWellFormed', () => {
  it('is false only for lone surrogates', () => {
    expect(isWellFormed('a\u{1F600}b')).toBe(true);
    expect(isWellFormed('')).toBe(true);
    expect(isWellFormed('\ud83d')).toBe(false);
    expect(isWellFormed('\ude00x')).toBe(false);
  });
});
