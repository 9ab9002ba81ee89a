import { rmSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createFileEventStore, type RecoveryEvent } from '../src/index.ts';
import { killHard, killStrays, runFixture } from './child-process.ts';
import { seededRandom } from './fixtures/random.ts';
import { tempDirectory } from './temp-store.ts';

afterEach(killStrays);

const TRIALS = 50;
const SEED = Number(process.env.AETHER_SEED ?? 20_261_130);

interface Call {
  ids: string[];
  outcome: 'acknowledged' | 'rejected' | 'unknown';
}

/** What the writer printed: every call it started, and how each ended before the kill. */
function parseCalls(lines: readonly string[]): Call[] {
  const calls = new Map<string, Call>();
  for (const line of lines) {
    const tag = line.slice(0, 2);
    if (tag !== 'I ' && tag !== 'A ' && tag !== 'X ') continue;
    const { ids } = JSON.parse(line.slice(2)) as { ids: string[] };
    const key = ids.join(',');
    if (tag === 'I ') calls.set(key, { ids, outcome: 'unknown' });
    else (calls.get(key) as Call).outcome = tag === 'A ' ? 'acknowledged' : 'rejected';
  }
  return [...calls.values()];
}

describe('fault injection: SIGKILL of a writer process at random moments', () => {
  const directory = tempDirectory('crash');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it(`keeps every acknowledged event and never half a batch over ${TRIALS} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const calls: Call[] = [];
    const recoveries: RecoveryEvent[] = [];
    let killedBeforeReady = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const child = runFixture('crash-writer.ts', [directory, String(SEED + trial)]);
      // Most kills land while writes run; one in eight while the store is still opening.
      if (random() < 0.125) {
        await new Promise((resolve) => setTimeout(resolve, random() * 300));
        if (!child.lines.includes('READY')) killedBeforeReady++;
      } else {
        await child.waitFor((line) => line === 'READY');
        const acknowledged = 1 + Math.floor(random() * 40);
        await child.waitFor(() => child.lines.filter((line) => line.startsWith('A ')).length >= acknowledged);
        await new Promise((resolve) => setTimeout(resolve, random() * 8));
      }
      await killHard(child);
      calls.push(...parseCalls(child.lines));

      const store = await createFileEventStore({
        directory,
        onRecovery: (event) => recoveries.push(event),
      });
      try {
        // The log itself stays consistent: positions increase, versions increase per actor.
        const stored = new Set<string>();
        let after = 0;
        const latest = new Map<string, number>();
        for (;;) {
          const page = await store.readAll({ after, limit: 1000 });
          for (const event of page.events) {
            expect(event.position).toBeGreaterThan(after);
            expect(event.version).toBeGreaterThan(latest.get(event.actorId) ?? 0);
            latest.set(event.actorId, event.version);
            stored.add(event.id);
            after = event.position;
          }
          if (page.next === null) break;
        }
        for (const [actorId, version] of latest) expect(await store.getLatestVersion(actorId)).toBe(version);
        for (const call of calls) {
          const present = call.ids.filter((id) => stored.has(id)).length;
          if (call.outcome === 'acknowledged')
            expect(present, `trial ${trial}: acknowledged call lost`).toBe(call.ids.length);
          else if (call.outcome === 'rejected')
            expect(present, `trial ${trial}: rejected call stored`).toBe(0);
          else expect([0, call.ids.length], `trial ${trial}: half a batch`).toContain(present);
        }
        // The id index agrees with the log for the latest acknowledged calls.
        for (const call of calls.filter((item) => item.outcome === 'acknowledged').slice(-5)) {
          for (const id of call.ids) expect((await store.getEventById(id))?.id).toBe(id);
        }
      } finally {
        await store.close();
      }
    }
    const acknowledged = calls.filter((call) => call.outcome === 'acknowledged').length;
    // The run must have exercised what it claims to.
    expect(acknowledged).toBeGreaterThan(TRIALS * 5);
    expect(calls.some((call) => call.outcome === 'unknown')).toBe(true);
    console.log(
      `fault injection: ${TRIALS} kills (${killedBeforeReady} while opening), ${acknowledged} acknowledged calls, ` +
        `${calls.filter((call) => call.outcome === 'unknown').length} in flight at a kill, ` +
        `recoveries: ${JSON.stringify(countKinds(recoveries))}`,
    );
  }, 240_000);
});

function countKinds(events: readonly RecoveryEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of events) counts[event.kind] = (counts[event.kind] ?? 0) + 1;
  return counts;
}
