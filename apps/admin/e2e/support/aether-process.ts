import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The `aether` command of apps/api, run as a real process. */
export const AETHER_BIN = fileURLToPath(new URL('../../../api/bin/aether.js', import.meta.url));

export interface AetherServer {
  url: string;
  port: number;
  store: string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** What the process printed, for failure messages. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function collect(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** `aether seed --store <store>`; rejects with the command's output when it fails. */
export async function seedStore(store: string, timeoutMs = 240_000): Promise<string> {
  const child = spawn(process.execPath, [AETHER_BIN, 'seed', '--store', store], {
    env: { ...process.env, AETHER_API_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await exited(child);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`aether seed exited with ${code}:\n${output()}`);
  return output();
}

/** `aether serve` on `store` and a free (or given) port; resolves once `/api/health` answers. */
export async function startAether(options: {
  store: string;
  port?: number;
  token?: string;
}): Promise<AetherServer> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env, AETHER_API_TOKEN: options.token ?? '' };
  const child = spawn(
    process.execPath,
    [AETHER_BIN, 'serve', '--store', options.store, '--port', String(port), '--host', '127.0.0.1'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collect(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`aether serve exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`aether serve did not answer /api/health within 60 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    store: options.store,
    output,
    stop() {
      stopping ??= (async () => {
        const done = exited(child);
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await done;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
