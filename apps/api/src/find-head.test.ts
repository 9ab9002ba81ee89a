import { describe, expect, it } from 'vitest';
import { findHead } from './find-head.ts';

const logOf = (positions: number[]) => {
  let probes = 0;
  const hasAfter = async (after: number) => {
    probes++;
    return positions.some((position) => position > after);
  };
  return { hasAfter, probes: () => probes };
};

describe('findHead', () => {
  it('is 0 for an empty log', async () => {
    expect(await findHead(logOf([]).hasAfter)).toBe(0);
  });

  it('finds the last position of small and large logs, with gaps', async () => {
    for (const positions of [
      [1],
      [1, 2, 3],
      [5, 9, 1024],
      [1, 1025],
      Array.from({ length: 10_250 }, (_, i) => i + 1),
    ]) {
      expect(await findHead(logOf(positions).hasAfter)).toBe(Math.max(...positions));
    }
  });

  it('needs about 2·log2(head) probes', async () => {
    const log = logOf([1, 50_000]);
    expect(await findHead(log.hasAfter)).toBe(50_000);
    expect(log.probes()).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(50_000)) + 2);
  });
});
