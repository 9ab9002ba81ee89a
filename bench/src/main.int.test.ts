import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResultRow } from './bench-types.ts';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(packageDir, 'node_modules', '.bin', 'tsx');

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

async function bench(args: string[]): Promise<Finished> {
  try {
    const { stdout, stderr } = await run(tsx, ['src/main.ts', ...args], {
      cwd: packageDir,
      timeout: 240_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('pnpm bench (a real quick run of the memory backend in a child process)', () => {
  let dir: string;
  let finished: Finished;
  let rows: ResultRow[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aether-bench-test-'));
    finished = await bench(['--quick', '--check', '--only=memory', `--out=${join(dir, 'latest.json')}`]);
    rows = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as ResultRow[];
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 with --check when every target is met', () => {
    expect(finished.stderr).not.toContain('bench failed');
    expect(finished.code).toBe(0);
  });

  it('writes one JSON row per subject and scenario, with positive rates and latencies', () => {
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const row of rows) {
      expect(row.backend).toBe('memory');
      expect(Object.keys(row).sort()).toEqual([
        'backend',
        'eventsPerSecond',
        'p50Ms',
        'p99Ms',
        'scenario',
        'subject',
      ]);
      expect(row.eventsPerSecond).toBeGreaterThan(0);
      expect(row.p99Ms).toBeGreaterThanOrEqual(row.p50Ms as number);
    }
    const subjects = rows
      .filter((row) => row.scenario === 'sequential appends (1 writer)')
      .map((row) => row.subject);
    expect(subjects).toEqual(['plain Map', 'aether saveEvent', 'aether appendEvents']);
  });

  it('writes the same report as markdown next to the JSON', async () => {
    const markdown = await readFile(join(dir, 'latest.md'), 'utf8');
    expect(finished.stdout.startsWith(markdown)).toBe(true);
    expect(markdown).toContain('| aether saveEvent ');
  });

  it('prints the machine, the table with ratios and the targets on stdout, progress on stderr', () => {
    expect(finished.stdout).toMatch(/^mode: quick/);
    expect(finished.stdout).toContain('machine: ');
    expect(finished.stdout).toMatch(
      /\| memory +\| sequential appends \(1 writer\) +\| aether saveEvent +\| [\d,]+ +\|/,
    );
    expect(finished.stdout).toMatch(/\d\.\d+x/);
    expect(finished.stdout).toContain('getLatestVersion at 100,000 events within 2x of 10 events');
    expect(finished.stdout).toContain('all 1 targets met');
    expect(finished.stderr).toContain('memory · ');
  });
});

describe('pnpm bench --check when a target is missed', () => {
  it('exits 1 and names the target, even with the embedded Postgres exit hook loaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aether-bench-test-'));
    try {
      // No store is 1000 times as fast at 100,000 events as at 10: a target that must be missed.
      const finished = await bench([
        '--quick',
        '--check',
        '--only=memory',
        '--headroom=1000',
        `--out=${join(dir, 'latest.json')}`,
      ]);
      expect(finished.code).toBe(1);
      expect(finished.stderr).toContain('bench --check: 1 target(s) missed');
      expect(finished.stderr).toContain(
        'getLatestVersion at 100,000 events within 2x of 10 events (x1000 headroom)',
      );
      expect(finished.stdout).toContain('MISSED');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('pnpm bench arguments', () => {
  it('refuses an unknown argument with exit code 2 and the usage', async () => {
    const finished = await bench(['--fast']);
    expect(finished.code).toBe(2);
    expect(finished.stderr).toContain('unknown argument --fast');
    expect(finished.stderr).toContain('Usage: pnpm bench');
  }, 60_000);
});
