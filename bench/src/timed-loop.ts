import type { Sample } from './bench-types.ts';

/** One operation of a loop: does some work and says how many units (events) it handled. */
export type Operation = (iteration: number) => Promise<number>;

/**
 * Runs `op` back to back until `durationMs` has passed (at least once). Every time comes from
 * `performance.now()`, so the rate and the latencies share one clock.
 */
export async function timedLoop(durationMs: number, op: Operation): Promise<Sample> {
  return timedWriters(durationMs, 1, (_writer, iteration) => op(iteration));
}

/**
 * `writers` loops running `op(writer, iteration)` concurrently until the shared deadline. The sample
 * ends when the last in-flight operation has finished, so no work is counted without its time.
 */
export async function timedWriters(
  durationMs: number,
  writers: number,
  op: (writer: number, iteration: number) => Promise<number>,
): Promise<Sample> {
  const latenciesMs: number[] = [];
  let events = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let iteration = 0;
      do {
        const before = performance.now();
        // Read `events` only after the await: `events += await ...` would add to a stale value.
        const done = await op(writer, iteration++);
        latenciesMs.push(performance.now() - before);
        events += done;
      } while (performance.now() < deadline);
    }),
  );
  return { events, elapsedMs: performance.now() - started, latenciesMs };
}
