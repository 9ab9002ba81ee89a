import { describe, expect, it } from 'vitest';
import { judgeTarget } from './judge-target.ts';

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

  it('widens the noise band with the spread of the per-round ratios, up to 30%', () => {
    const noisy = judgeTarget([60, 90, 75], [100, 100, 100], 0.9);
    expect(noisy.noise).toBeCloseTo(0.2);
    expect(noisy.withinNoise).toBe(true);
    expect(judgeTarget([10, 200, 75], [100, 100, 100], 0.9).noise).toBe(0.3);
  });

  it('judges ratios against a stronger reference the same way (targets above 1x)', () => {
    expect(judgeTarget([400, 420], [100, 100], 4).passed).toBe(true);
    expect(judgeTarget([300, 310], [100, 100], 4)).toMatchObject({ passed: false, withinNoise: false });
  });
});
