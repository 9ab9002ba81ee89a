import { createPostgresEventStore } from '@aether/adapter-postgres';
import postgres from 'postgres';
import { aetherDriver } from '../aether-driver.ts';
import type { Driver } from '../driver.ts';
import type { OpenedStore } from '../opened-store.ts';
import { admin, freshName, POOL_SIZE } from './namespaces.ts';

/** Our Postgres adapter in a fresh schema (migrated by the store), on a pool as large as the floor's. */
export async function openPostgresStore(url: string): Promise<OpenedStore> {
  const schema = freshName('aether');
  const client = postgres(url, { max: POOL_SIZE, onnotice: () => {} });
  try {
    const store = await createPostgresEventStore({ client, schema, migrate: true });
    return {
      store,
      async cleanup() {
        await client.end();
        await admin(url, `DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  } catch (error) {
    await client.end();
    throw error;
  }
}

export async function openAetherPostgres(url: string): Promise<Driver> {
  return aetherDriver(await openPostgresStore(url));
}
