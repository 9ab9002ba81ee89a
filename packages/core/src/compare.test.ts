import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from './compare.ts';
import { propertySeed } from './conformance/arbitraries.ts';

/** The definition: compare code point sequences lexicographically. */
function byCodePoints(a: string, b: string): number {
  const x = [...a].map((char) => char.codePointAt(0) as number);
  const y = [...b].map((char) => char.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  }
  return x.length - y.length;
}

const seed = propertySeed();
// Mostly characters near the surrogate range, where UTF-16 order and code point order disagree.
const unit = fc.oneof(
  fc.constantFrom('a', 'b', '\ud7ff', '\ue000', '\uffff', '\ufffd', '\u{10000}', '\u{1F600}', '\u{10FFFF}'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 6 });

describe('compareCodePoints', () => {
  it('orders like comparing [...a].map(codePointAt) (property)', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('is a total order consistent with equality (property)', () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(Math.sign(compareCodePoints(a, b)) + Math.sign(compareCodePoints(b, a))).toBe(0);
        expect(compareCodePoints(a, b) === 0).toBe(a === b);
        if (compareCodePoints(a, b) <= 0 && compareCodePoints(b, c) <= 0) {
          expect(compareCodePoints(a, c)).toBeLessThanOrEqual(0);
        }
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('puts an astral character after U+FFFD and U+E000, unlike plain < on JS strings', () => {
    expect(compareCodePoints('\u{1F600}', '\ufffd')).toBeGreaterThan(0);
    expect(compareCodePoints('\u{10000}', '\ue000')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\ufffd').toBe(true);
    expect(['\u{1F600}', '\ufffd', 'z', 'A', ''].sort(compareCodePoints)).toEqual([
      '',
      'A',
      'z',
      '\ufffd',
      '\u{1F600}',
    ]);
  });

  it('matches UTF-8 byte order', () => {
    const words = ['\u{1F600}', '\ufffd', '\ue000', 'é', 'e', 'E', 'ab', 'a', ''];
    const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...words].sort(compareCodePoints)).toEqual(byBytes);
  });
});
