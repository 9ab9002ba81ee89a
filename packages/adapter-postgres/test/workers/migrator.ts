// Waits for "go <start time>" and that time, then opens a store with migrate: true on the given schema and says "migrated".
import { createPostgresEventStore } from '../../src/index.ts';
import { lineFromParent, say } from './stdin-lines.ts';

const [url, schema] = process.argv.slice(2) as [string, string];
say('ready');
const startAt = Number((await lineFromParent('go')).split(' ')[1]);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const store = await createPostgresEventStore({ connectionString: url, schema, migrate: true });
await store.appendEvents(`migrator-${process.pid}`, [{ eventType: 'Migrated', data: {} }]);
await store.close();
say('migrated');
process.exit(0);
