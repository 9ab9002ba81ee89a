// Subscribes from the start of the log and prints each delivered event as a JSON line
// {position, id, actorId, version}; stops after `expected` events (or on "stop") and says "done".
import { createPostgresEventStore } from '../../src/index.ts';
import { lineFromParent, say } from './stdin-lines.ts';

const [url, schema, expected] = process.argv.slice(2) as [string, string, string];
const store = await createPostgresEventStore({ connectionString: url, schema, pollIntervalMs: 1000 });
let seen = 0;
let finish: () => void = () => {};
const finished = new Promise<void>((resolve) => {
  finish = resolve;
});
const subscription = store.subscribe({}, (event) => {
  say({ position: event.position, id: event.id, actorId: event.actorId, version: event.version });
  if (++seen >= Number(expected)) finish();
});
void subscription.done.catch((error) => {
  process.stderr.write(`subscription failed: ${String(error)}\n`);
  process.exit(2);
});
say('ready');
await Promise.race([finished, lineFromParent('stop')]);
await store.close();
say('done');
process.exit(0);
