import type { RecordedEvent } from '@aether/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestStore, databaseUrl, dropSchema } from '../test/helpers.ts';
import { startWorker, type WorkerProcess } from '../test/worker-process.ts';
import type { PostgresEventStore } from './postgres-event-store.ts';

interface Win {
  actorId: string;
  version: number;
  id: string;
  position: number;
}
interface Summary {
  pid: number;
  wins: Win[];
  conflicts: number;
}

const workers: WorkerProcess[] = [];
const stores: PostgresEventStore[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) worker.kill();
  for (const store of stores.splice(0)) {
    await store.close();
    await dropSchema(store.schema);
  }
});

async function freshStore() {
  const store = await createTestStore();
  stores.push(store);
  return store;
}

function spawn(name: string, args: (string | number)[]) {
  const worker = startWorker(name, args.map(String));
  workers.push(worker);
  return worker;
}

async function readWholeLog(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}

/**
 * Starts the writers together: once each is connected ("ready"), all get the same start time a
 * moment ahead, so that a slow process start does not turn the race into a queue.
 */
async function race(writers: WorkerProcess[]): Promise<Summary[]> {
  await Promise.all(writers.map((writer) => writer.waitFor((line) => line === 'ready')));
  const startAt = Date.now() + 500;
  for (const writer of writers) writer.send(`go ${startAt}`);
  const lines = await Promise.all(
    writers.map((writer) => writer.waitFor((line) => line.startsWith('{'), 120_000)),
  );
  return lines.map((line) => JSON.parse(line) as Summary);
}

describe('two OS processes racing on the same actors', () => {
  it('gives each version exactly one winner, and readers see every winner once, in order, without gaps', async () => {
    const store = await freshStore();
    const actors = 6;
    const versions = 25;
    const args = [databaseUrl(), store.schema, 'save', actors, versions];
    const summaries = await race([spawn('race-writer', args), spawn('race-writer', args)]);

    const wins = summaries.flatMap((summary) => summary.wins);
    const conflicts = summaries.reduce((sum, summary) => sum + summary.conflicts, 0);
    expect(wins).toHaveLength(actors * versions);
    expect(conflicts).toBe(actors * versions);
    const keys = new Set(wins.map((win) => `${win.actorId}/${win.version}`));
    expect(keys.size).toBe(actors * versions);

    const log = await readWholeLog(store);
    expect(log.map((event) => event.id).sort()).toEqual(wins.map((win) => win.id).sort());
    for (let index = 1; index < log.length; index++) {
      expect((log[index] as RecordedEvent).position).toBeGreaterThan(
        (log[index - 1] as RecordedEvent).position,
      );
    }
    for (let actor = 0; actor < actors; actor++) {
      const stream = await store.getEvents(`actor-${actor}`);
      expect(stream.map((event) => event.version)).toEqual(Array.from({ length: versions }, (_, i) => i + 1));
      // Within an actor, position order is version order.
      const byPosition = [...stream].sort((a, b) => a.position - b.position);
      expect(byPosition.map((event) => event.version)).toEqual(stream.map((event) => event.version));
      expect(await store.getLatestVersion(`actor-${actor}`)).toBe(versions);
    }
  });

  it("stores every 'any' append of both processes with contiguous versions, seen exactly once by a subscriber in a third process", async () => {
    const store = await freshStore();
    const actors = 5;
    const appends = 40;
    const total = 2 * actors * appends;
    const subscriber = spawn('subscriber', [databaseUrl(), store.schema, total]);
    await subscriber.waitFor((line) => line === 'ready');
    const args = [databaseUrl(), store.schema, 'append', actors, appends];
    const summaries = await race([spawn('race-writer', args), spawn('race-writer', args)]);
    expect(summaries.flatMap((summary) => summary.wins)).toHaveLength(total);

    await subscriber.waitFor((line) => line === 'done', 60_000);
    const delivered = subscriber.lines
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Pick<RecordedEvent, 'position' | 'id' | 'actorId' | 'version'>);
    const log = await readWholeLog(store);
    expect(log).toHaveLength(total);
    // Exactly once, in position order: the subscriber's sequence is the log's.
    expect(delivered.map((event) => event.id)).toEqual(log.map((event) => event.id));
    expect(new Set(delivered.map((event) => event.id)).size).toBe(total);
    for (let actor = 0; actor < actors; actor++) {
      const versions = delivered
        .filter((event) => event.actorId === `actor-${actor}`)
        .map((event) => event.version);
      expect(versions).toEqual(Array.from({ length: 2 * appends }, (_, i) => i + 1));
    }
    await subscriber.exited;
  });
});
