import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEDGER_ACTOR } from './seed/demo-dataset.ts';
import { openStore } from './store-from-env.ts';

const BIN = fileURLToPath(new URL('../bin/aether.js', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Runs the real `aether` command in its own process, from `cwd` (not the package directory). */
function aether(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, AETHER_STORE: '', AETHER_API_TOKEN: '', PORT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitForUrl(run: Run, timeoutMs = 90_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = /Aether console: (http:\/\/[^\s/]+)\//.exec(run.stdout());
    if (match) return match[1] as string;
    if (run.child.exitCode !== null) throw new Error(`aether exited early: ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`no URL printed: ${run.stdout()} ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function countEvents(directory: string) {
  const store = await openStore({ kind: 'fs', directory });
  try {
    const ids = new Set<string>();
    let total = 0;
    let after: number | null = 0;
    while (after !== null) {
      const page = await store.readAll({ after, limit: 1000 });
      total += page.events.length;
      for (const event of page.events) ids.add(event.id);
      after = page.next;
    }
    const ledger = await store.listActors({ prefix: DEMO_LEDGER_ACTOR, limit: 1 });
    return { total, distinct: ids.size, ledger: ledger.actors[0] };
  } finally {
    await store.close();
  }
}

// Seeding 13,000 events into a durable store several times: slow on a loaded 2-core machine.
describe('the aether command', { timeout: 240_000 }, () => {
  let cwd: string;
  const running: Run[] = [];

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'aether-cli-'));
  });
  afterAll(async () => {
    for (const run of running) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await rm(cwd, { recursive: true, force: true });
  });

  it('seed writes the demo dataset once: a second run and a forced run store nothing twice', async () => {
    const first = aether(['seed', '--store', 'fs:seeded'], cwd);
    expect(await first.exit, first.stderr()).toBe(0);
    expect(first.stdout()).toMatch(/Seeded 13230 events in 928 actors/);
    expect(first.stderr()).toMatch(/seeding: 13,230 \/ 13,230 events \(100%\)/);
    const seeded = await countEvents(path.join(cwd, 'seeded'));
    // The dataset plus the marker event.
    expect(seeded).toMatchObject({ total: 13231, distinct: 13231 });
    expect(seeded.ledger).toMatchObject({ latestVersion: 10_000, eventCount: 10_000 });

    const second = aether(['seed', '--store', 'fs:seeded'], cwd);
    expect(await second.exit, second.stderr()).toBe(0);
    expect(second.stdout()).toMatch(/Already seeded/);

    const forced = aether(['seed', '--force'], cwd, { AETHER_STORE: 'fs:seeded' });
    expect(await forced.exit, forced.stderr()).toBe(0);
    expect(await countEvents(path.join(cwd, 'seeded'))).toMatchObject({ total: 13231, distinct: 13231 });
  });

  it('serve answers /api/health, /api/actors and /api/docs, and stops cleanly on SIGTERM', async () => {
    const run = aether(['serve', '--port', '0'], cwd, {
      AETHER_STORE: 'fs:seeded',
      AETHER_API_TOKEN: 'cli-token',
    });
    running.push(run);
    const url = await waitForUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', store: 'fs', writable: true });
    const actors = (await (await fetch(`${url}/api/actors?prefix=order%2F&limit=5`)).json()) as {
      actors: Array<{ actorId: string }>;
      next: string | null;
    };
    expect(actors.actors.map((actor) => actor.actorId)).toEqual([
      'order/2026-00001',
      'order/2026-00002',
      'order/2026-00003',
      'order/2026-00004',
      'order/2026-00005',
    ]);
    expect(actors.next).toBe('order/2026-00005');
    const docs = await fetch(`${url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/openapi.json');
    const write = await fetch(`${url}/api/actors/cli%2Ftest/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer cli-token', 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ eventType: 'Checked', data: {} }] }),
    });
    expect(write.status).toBe(201);

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toMatch(/SIGTERM: shutting down\s+stopped/);
  });

  it('demo seeds ./.aether/demo when needed, serves it, and stops on SIGINT', async () => {
    const run = aether(['demo', '--port', '0'], cwd);
    running.push(run);
    const url = await waitForUrl(run);
    expect(run.stderr()).toMatch(/Seeding the demo dataset into fs:.*\.aether\/demo/);
    const ledger = await fetch(
      `${url}/api/actors/${encodeURIComponent(DEMO_LEDGER_ACTOR)}/events?limit=1000`,
    );
    const page = (await ledger.json()) as { events: unknown[]; next: number | null };
    expect(page.events).toHaveLength(1000);
    expect(page.next).toBe(1001);
    // Read-only without a token.
    const write = await fetch(`${url}/api/actors/x/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [] }),
    });
    expect(write.status).toBe(403);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('explains its usage and fails on unknown commands or bad options', async () => {
    const help = aether(['--help'], cwd);
    expect(await help.exit).toBe(0);
    expect(help.stdout()).toMatch(/Usage: aether <command>/);
    const unknown = aether(['launch'], cwd);
    expect(await unknown.exit).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown command "launch"/);
    const badStore = aether(['seed', '--store', 'mysql://x'], cwd);
    expect(await badStore.exit).toBe(1);
    expect(badStore.stderr()).toMatch(/memory, fs:<dir> or postgres/);
  });
});
