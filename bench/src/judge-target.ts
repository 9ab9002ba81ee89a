import { median } from './stats.ts';

/** Smallest and largest relative noise assumed for a ratio of medians. */
const MIN_NOISE = 0.1;
const MAX_NOISE = 0.3;

export interface Judgement {
  /** median(ours) / median(reference). */
  ratio: number;
  passed: boolean;
  /** Missed, but by less than the round-to-round spread of the pair: worth measuring again. */
  withinNoise: boolean;
  /** The relative noise used (half the range of the per-round ratios, clamped to 10-30%). */
  noise: number;
}

/**
 * Judges `ours / reference >= min` from the per-round rates of a pair measured in the same rounds
 * (interleaved, so round i of each saw the same background load).
 */
export function judgeTarget(ours: readonly number[], reference: readonly number[], min: number): Judgement {
  const ratio = median(ours) / median(reference);
  const perRound = ours
    .map((rate, i) => rate / (reference[i] as number))
    .filter((value) => Number.isFinite(value));
  const spread =
    perRound.length > 1 ? (Math.max(...perRound) - Math.min(...perRound)) / 2 / Math.abs(ratio) : 0;
  const noise = Math.min(MAX_NOISE, Math.max(MIN_NOISE, Number.isFinite(spread) ? spread : MAX_NOISE));
  const passed = ratio >= min;
  return { ratio, passed, withinNoise: !passed && ratio >= min * (1 - noise), noise };
}
