import { parseArgs } from 'node:util';
import type { AetherStore } from '@aether/core';
import { isDemoSeeded, type SeedProgress, seedDemo } from './seed/seed-demo.ts';
import { DEFAULT_HOST, DEFAULT_PORT, type RunningServer, startServer } from './start-server.ts';
import { describeStore, openStore, parseStoreSpec, type StoreSpec } from './store-from-env.ts';

const USAGE = `Usage: aether <command> [options]

Commands:
  serve    Serve the console API (and the admin app when built) on a store
  seed     Write the demo dataset into a store (seeding twice stores nothing twice)
  demo     Seed ./.aether/demo when needed, then serve it

Options:
  --store <spec>   memory | fs:<dir> | postgres://...   (env AETHER_STORE; default fs:./.aether/data,
                   for demo fs:./.aether/demo)
  --port <n>       (env PORT; default ${DEFAULT_PORT})
  --host <host>    (env HOST; default ${DEFAULT_HOST})
  --force          seed: write even when the store is already seeded
  -h, --help

Environment: AETHER_API_TOKEN enables writes (Authorization: Bearer <token>);
AETHER_CORS_ORIGINS allows browser origins (comma-separated).
`;

export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: () => Promise<string>;
}

function defaultIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopSignal: () =>
      new Promise((resolve) => {
        const stop = (signal: string) => {
          // A second signal while shutting down stops at once.
          process.once(signal, () => process.exit(130));
          resolve(signal);
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      }),
  };
}

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port ${JSON.stringify(text)}`);
  return port;
}

function progressPrinter(io: CliIo): (progress: SeedProgress) => void {
  let lastShown = 0;
  return ({ written, total }) => {
    const now = Date.now();
    if (written < total && now - lastShown < 1000) return;
    lastShown = now;
    const percent = Math.floor((written / total) * 100);
    io.err(`  seeding: ${written.toLocaleString('en')} / ${total.toLocaleString('en')} events (${percent}%)`);
  };
}

async function seed(store: AetherStore, spec: StoreSpec, io: CliIo, force: boolean): Promise<void> {
  io.err(`Seeding the demo dataset into ${describeStore(spec)}`);
  const started = Date.now();
  const result = await seedDemo(store, { force, onProgress: progressPrinter(io) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.skipped) {
    io.out(
      `Already seeded (${result.events} events in ${result.actors} actors); nothing written. Use --force to re-check every event.`,
    );
  } else {
    io.out(
      `Seeded ${result.events} events in ${result.actors} actors and ${result.snapshots} snapshots in ${seconds} s.`,
    );
  }
}

async function serve(
  store: AetherStore,
  spec: StoreSpec,
  io: CliIo,
  port: number,
  host: string,
): Promise<void> {
  const token = io.env.AETHER_API_TOKEN;
  const corsOrigins = (io.env.AETHER_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  let server: RunningServer;
  try {
    server = await startServer({ store, storeName: spec.kind, apiToken: token, corsOrigins, port, host });
  } catch (error) {
    // The server owns the store only once it listens (a port in use fails before that).
    await store.close().catch(() => {});
    throw error;
  }
  io.out(`Aether console: ${server.url}/`);
  io.out(`  API docs:     ${server.url}/api/docs`);
  io.out(`  store:        ${describeStore(spec)}`);
  io.out(
    `  writes:       ${token ? 'enabled (Authorization: Bearer $AETHER_API_TOKEN)' : 'disabled (read-only; set AETHER_API_TOKEN)'}`,
  );
  const signal = await io.stopSignal();
  io.err(`${signal}: shutting down`);
  await server.close();
  io.err('stopped');
}

/** Runs the `aether` command; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        store: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    io.err(`aether: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    io.out(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!['serve', 'seed', 'demo'].includes(command) || positionals.length > 1) {
    io.err(`aether: unknown command ${JSON.stringify(positionals.join(' '))}\n\n${USAGE}`);
    return 2;
  }

  let store: AetherStore | undefined;
  try {
    const storeText = values.store ?? (command === 'demo' ? 'fs:.aether/demo' : io.env.AETHER_STORE);
    const spec = parseStoreSpec(storeText, io.cwd);
    const port = parsePort(values.port ?? io.env.PORT);
    const host = values.host ?? io.env.HOST ?? DEFAULT_HOST;
    store = await openStore(spec);
    if (command === 'seed') {
      await seed(store, spec, io, values.force);
      await store.close();
      return 0;
    }
    if (command === 'demo' && !(await isDemoSeeded(store))) await seed(store, spec, io, false);
    // `serve` closes the store on shutdown.
    const running = store;
    store = undefined;
    await serve(running, spec, io, port, host);
    return 0;
  } catch (error) {
    io.err(`aether: ${error instanceof Error ? error.message : String(error)}`);
    await store?.close().catch(() => {});
    return 1;
  }
}
