import { median, percentile } from './stats.ts';

/** Smallest and largest relative noise assumed for a ratio of medians. */
const MIN_NOISE = 0.1;
const MAX_NOISE = 0.3;

/**
 * The median of the per-round ratios `ours[i] / reference[i]`: each round sampled the two back to
 * back, so a burst of background load that slows one round slows both sides of its ratio.
 */
export function pairedRatio(ours: readonly number[], reference: readonly number[]): number {
  return median(perRoundRatios(ours, reference));
}

function perRoundRatios(ours: readonly number[], reference: readonly number[]): number[] {
  return ours.map((rate, i) => rate / (reference[i] as number)).filter((value) => Number.isFinite(value));
}

export interface Judgement {
  /** The paired ratio, as the results table shows it. */
  ratio: number;
  passed: boolean;
  /** Missed, but by less than the round-to-round noise of the pair: worth measuring again. */
  withinNoise: boolean;
  /** The relative noise used: half the interquartile range of the per-round ratios, clamped to 10-30%. */
  noise: number;
}

/**
 * Judges `ours / reference >= min` from the per-round rates of a pair measured in the same rounds
 * (interleaved, so round i of each saw the same background load).
 */
export function judgeTarget(ours: readonly number[], reference: readonly number[], min: number): Judgement {
  const perRound = perRoundRatios(ours, reference);
  const ratio = median(perRound);
  const spread =
    perRound.length > 1
      ? (percentile(perRound, 75) - percentile(perRound, 25)) / 2 / Math.abs(ratio)
      : Number.POSITIVE_INFINITY;
  const noise = Math.min(MAX_NOISE, Math.max(MIN_NOISE, Number.isFinite(spread) ? spread : MAX_NOISE));
  const passed = ratio >= min;
  return { ratio, passed, withinNoise: !passed && ratio >= min * (1 - noise), noise };
}
