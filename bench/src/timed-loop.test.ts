import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { timedLoop, timedWriters } from './timed-loop.ts';

describe('timedLoop', () => {
  it('runs at least once even when the duration is zero', async () => {
    const sample = await timedLoop(0, async () => 3);
    expect(sample.events).toBe(3);
    expect(sample.latenciesMs).toHaveLength(1);
  });

  it('keeps going until the duration has passed and counts every unit with its time', async () => {
    const seen: number[] = [];
    const sample = await timedLoop(60, async (iteration) => {
      seen.push(iteration);
      await sleep(5);
      return 2;
    });
    expect(sample.elapsedMs).toBeGreaterThanOrEqual(60);
    expect(seen).toEqual(seen.map((_, i) => i));
    expect(sample.events).toBe(seen.length * 2);
    expect(sample.latenciesMs).toHaveLength(seen.length);
    for (const latency of sample.latenciesMs) expect(latency).toBeGreaterThanOrEqual(4);
  });
});

describe('timedWriters', () => {
  it('runs the writers concurrently and waits for the last in-flight operation', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const sample = await timedWriters(40, 4, async (writer) => {
      calls++;
      running++;
      most = Math.max(most, running);
      await sleep(writer === 3 ? 30 : 2);
      running--;
      return 1;
    });
    expect(most).toBe(4);
    // Every writer's units count, however their awaits interleave.
    expect(sample.events).toBe(calls);
    expect(running).toBe(0);
    expect(sample.events).toBe(sample.latenciesMs.length);
    // The slow writer's last operation started before the deadline and ended after it.
    expect(sample.elapsedMs).toBeGreaterThanOrEqual(40);
  });
});
