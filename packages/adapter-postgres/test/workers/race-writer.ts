// Races another process on the same actors. "save": every actor, versions 1..n with explicit versions
// (a conflict means the other process won that version). "append": n appends with expectedVersion 'any'.
// Prints "ready", waits for "go <start time>" and that time, then prints one JSON summary line.
import { randomUUID } from 'node:crypto';
import { isVersionConflict } from '@aether/core';
import { createPostgresEventStore } from '../../src/index.ts';
import { lineFromParent, say } from './stdin-lines.ts';

const [url, schema, mode, actorCount, perActor] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const store = await createPostgresEventStore({ connectionString: url, schema });
const actors = Array.from({ length: Number(actorCount) }, (_, index) => `actor-${index}`);
await store.getLatestVersion('warm-up');
say('ready');
const startAt = Number((await lineFromParent('go')).split(' ')[1]);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

const wins: { actorId: string; version: number; id: string; position: number }[] = [];
let conflicts = 0;
// One sequential writer per actor within this process, all actors at once.
await Promise.all(
  actors.map(async (actorId) => {
    for (let step = 1; step <= Number(perActor); step++) {
      if (mode === 'append') {
        const [event] = await store.appendEvents(actorId, [
          { eventType: 'Appended', data: { pid: process.pid, step } },
        ]);
        if (event) wins.push({ actorId, version: event.version, id: event.id, position: event.position });
        continue;
      }
      try {
        const id = randomUUID();
        const event = await store.saveEvent({
          id,
          actorId,
          version: step,
          eventType: 'Raced',
          data: { pid: process.pid },
          timestamp: new Date(),
        });
        wins.push({ actorId, version: event.version, id: event.id, position: event.position });
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
        conflicts++;
      }
    }
  }),
);
await store.close();
say({ pid: process.pid, wins, conflicts });
process.exit(0);
