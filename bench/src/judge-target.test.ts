import { describe, expect, it } from 'vitest';
import { judgeTarget, pairedRatio } from './judge-target.ts';

describe('judgeTarget', () => {
  it('passes when the ratio of medians reaches the target', () => {
    const judgement = judgeTarget([90, 100, 95], [100, 100, 100], 0.9);
    expect(judgement.ratio).toBeCloseTo(0.95);
    expect(judgement).toMatchObject({ passed: true, withinNoise: false });
  });

  it('calls a small miss with steady rounds within the 10% floor of noise', () => {
    const judgement = judgeTarget([83, 84, 83], [100, 100, 100], 0.9);
    expect(judgement).toMatchObject({ passed: false, withinNoise: true, noise: 0.1 });
  });

  it('calls a clear miss a miss, not noise', () => {
    const judgement = judgeTarget([50, 52, 51], [100, 100, 100], 0.9);
    expect(judgement).toMatchObject({ passed: false, withinNoise: false });
  });

  it('widens the noise band with the interquartile range of the per-round ratios, up to 30%', () => {
    // Per-round ratios 0.6 ... 0.9: quartiles 0.7 and 0.8, half of that over 0.75 is 6.7%: 10% at least.
    expect(judgeTarget([60, 70, 75, 80, 90], [100, 100, 100, 100, 100], 0.8).noise).toBe(0.1);
    // Quartiles 0.6 and 0.9: 0.15 over 0.75.
    const wide = judgeTarget([40, 60, 75, 90, 110], [100, 100, 100, 100, 100], 0.9);
    expect(wide.noise).toBeCloseTo(0.2);
    expect(wide.withinNoise).toBe(true);
    expect(judgeTarget([10, 20, 75, 200, 300], [100, 100, 100, 100, 100], 0.9).noise).toBe(0.3);
  });

  it('assumes the widest noise when there is a single round', () => {
    expect(judgeTarget([75], [100], 0.9)).toMatchObject({ noise: 0.3, withinNoise: true });
  });

  it('pairs rates round by round, so drift that hits both sides cancels in the noise', () => {
    const steady = judgeTarget([50, 100, 200, 400], [55, 110, 220, 440], 0.95);
    expect(steady.noise).toBe(0.1);
    expect(steady.ratio).toBeCloseTo(1 / 1.1);
    // A stall in two rounds of the reference alone moves the ratio of medians, not the paired one.
    expect(pairedRatio([100, 100, 100, 100, 100], [100, 100, 100, 20, 20])).toBe(1);
  });

  it('takes the median of the per-round ratios', () => {
    expect(pairedRatio([90, 200, 50], [100, 100, 100])).toBeCloseTo(0.9);
  });

  it('judges ratios against a stronger reference the same way (targets above 1x)', () => {
    expect(judgeTarget([400, 420], [100, 100], 4).passed).toBe(true);
    expect(judgeTarget([300, 310], [100, 100], 4)).toMatchObject({ passed: false, withinNoise: false });
  });
});
