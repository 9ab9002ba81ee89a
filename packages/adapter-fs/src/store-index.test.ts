import { compareCodePoints } from '@aether/core';
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { type EventEntry, StoreIndex } from './store-index.ts';

function entry(position: number, actorId: string): EventEntry {
  return {
    position,
    id: `id-${position}`,
    actorId,
    version: position,
    eventType: 'T',
    timestampMs: position,
    segment: 1,
    bodyOffset: 0,
    bodyLength: 0,
    bodyCrc: 0,
  };
}

test.prop(
  [fc.array(fc.array(fc.string({ unit: 'binary', minLength: 1 }), { maxLength: 20 }), { maxLength: 6 })],
  {
    seed: Number(process.env.AETHER_SEED ?? 4),
  },
)('lists actors in code-point order however they arrive', (rounds) => {
  const index = new StoreIndex();
  let position = 0;
  const all = new Set<string>();
  for (const round of rounds) {
    for (const actorId of round) {
      index.addEvent(entry(++position, actorId), undefined);
      all.add(actorId);
    }
    expect(index.sortedActorIds()).toEqual([...all].sort(compareCodePoints));
  }
});

test.prop([fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 60 })], {
  seed: Number(process.env.AETHER_SEED ?? 4),
})('finds the first event after a position, with and without gaps, and records the gaps', (positions) => {
  const sorted = [...positions].sort((a, b) => a - b);
  const index = new StoreIndex();
  for (const position of sorted) index.addEvent(entry(position, `actor-${position}`), undefined);
  for (let after = 0; after <= 501; after += 7) {
    const expected = sorted.findIndex((position) => position > after);
    expect(index.firstAfter(after)).toBe(expected === -1 ? sorted.length : expected);
  }
  const lost = index.lostPositions.reduce((sum, range) => sum + range.to - range.from + 1, 0);
  expect(lost).toBe((sorted.at(-1) as number) - sorted.length);
});
