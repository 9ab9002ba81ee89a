/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile (`p` from 0 to 100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/** Units per second. */
export function perSecond(units: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (units / elapsedMs) * 1000 : 0;
}

/** Nearest-rank percentiles over every value of several samples at once (no per-sample averaging of tails). */
export function pooledPercentiles(chunks: readonly (readonly number[])[], ps: readonly number[]): number[] {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  if (total === 0) return ps.map(() => Number.NaN);
  const all = new Float64Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  all.sort();
  return ps.map((p) => all[Math.min(total, Math.max(1, Math.ceil((p / 100) * total))) - 1] as number);
}
