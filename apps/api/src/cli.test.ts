import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Files under `dir` that this process has open (Linux /proc, as on CI). */
async function openFilesUnder(dir: string): Promise<string[]> {
  const links = await Promise.all(
    (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
  );
  return links.filter((target) => target.startsWith(`${dir}/`));
}

describe('aether serve', () => {
  it('closes the store it opened when the port is taken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aether-cli-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => busy.close(() => resolve())));
    const { port } = busy.address() as { port: number };
    const errors: string[] = [];

    const code = await runCli(['serve', '--store', `fs:${dir}`, '--port', String(port)], {
      env: {},
      cwd: dir,
      out: () => {},
      err: (line) => errors.push(line),
      stopSignal: () => new Promise(() => {}),
    });

    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('EADDRINUSE');
    expect(await openFilesUnder(dir)).toEqual([]);
  });
});
