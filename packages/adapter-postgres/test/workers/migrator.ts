// Waits for "go", then opens a store with migrate: true on the given schema and says "migrated".
import { createPostgresEventStore } from '../../src/index.ts';
import { lineFromParent, say } from './stdin-lines.ts';

const [url, schema] = process.argv.slice(2) as [string, string];
say('ready');
await lineFromParent('go');
const store = await createPostgresEventStore({ connectionString: url, schema, migrate: true });
await store.appendEvents(`migrator-${process.pid}`, [{ eventType: 'Migrated', data: {} }]);
await store.close();
say('migrated');
process.exit(0);
