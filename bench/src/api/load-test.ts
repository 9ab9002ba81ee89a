import autocannon from 'autocannon';
import type { Sample } from '../bench-types.ts';

/** HTTP connections kept busy at once. */
export const CONNECTIONS = 32;

/**
 * Keeps `CONNECTIONS` connections busy with GET `url` for about `durationMs` (whole seconds, at
 * least one) from an autocannon worker thread, so the load generator does not share the server's
 * event loop. Every response must be a 2xx; the rate counts `unitsPerResponse` per response.
 */
export async function loadTest(url: string, durationMs: number, unitsPerResponse: number): Promise<Sample> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: Math.max(1, Math.round(durationMs / 1000)),
    workers: 1,
  });
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `load test of ${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses`,
    );
  }
  const responses = result['2xx'];
  return {
    events: responses * unitsPerResponse,
    elapsedMs: result.duration * 1000,
    latenciesMs: [],
    percentilesMs: { p50: result.latency.p50, p99: result.latency.p99 },
  };
}
