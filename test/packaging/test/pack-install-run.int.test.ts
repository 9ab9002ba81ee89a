import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@aether/test-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideEnv } from '../src/outside-env.ts';
import { createOutsideProject } from '../src/outside-project.ts';
import { buildAndPack } from '../src/pack-packages.ts';
import { publishablePackages, REPO_ROOT } from '../src/repository.ts';
import { describeFailure, runChecked, runCommand } from '../src/run-command.ts';
import { readTarball } from '../src/tarball.ts';

const packages = publishablePackages();
const ADAPTERS = ['@aether/adapter-fs', '@aether/adapter-memory', '@aether/adapter-postgres'];

let work = '';
let project = '';
let tarballs = new Map<string, string>();

function tarballOf(name: string): string {
  const tarball = tarballs.get(name);
  if (tarball === undefined) throw new Error(`${name} was not packed`);
  return tarball;
}

/** Runs a command in the outside project, with none of the workspace's environment. */
function inProject(file: string, args: readonly string[], extra: Record<string, string> = {}) {
  return runCommand(file, args, { cwd: project, env: outsideEnv(extra), timeoutMs: 300_000 });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'aether-pack-'));
  const destination = join(work, 'tarballs');
  mkdirSync(destination);
  tarballs = await buildAndPack(packages, destination);
  project = join(work, 'project');
  await createOutsideProject(project, tarballs);
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('packed tarballs', () => {
  it('are the four publishable packages, in one version', () => {
    expect(packages.map((pkg) => pkg.name)).toEqual(['@aether/core', ...ADAPTERS].sort());
    expect(new Set(packages.map((pkg) => pkg.version)).size).toBe(1);
  });

  it.each(['@aether/core', ...ADAPTERS])(
    '%s ships built ESM and types only, with publishConfig applied',
    async (name) => {
      const { manifest, manifestText, files } = await readTarball(tarballOf(name));
      expect(manifestText).not.toContain('workspace:');
      expect(manifest.type).toBe('module');
      expect(manifest.sideEffects).toBe(false);
      expect(manifest.engines?.node).toBe('>=20');
      expect(manifest.publishConfig?.exports, 'publishConfig.exports moved to exports').toBeUndefined();
      const entries = Object.entries(manifest.exports ?? {}).filter(
        ([subpath]) => subpath !== './package.json',
      );
      expect(entries.length).toBeGreaterThan(0);
      for (const [subpath, target] of entries) {
        const conditions = target as Record<string, string>;
        expect(Object.keys(conditions), `${subpath}: types first`).toEqual(['types', 'default']);
        expect(conditions.types, subpath).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(conditions.default, subpath).toMatch(/^\.\/dist\/.+\.js$/);
        expect(files).toContain(conditions.types?.slice(2));
        expect(files).toContain(conditions.default?.slice(2));
      }
      const allowed = name === '@aether/adapter-postgres' ? /^(dist|drizzle)\// : /^dist\//;
      const extra = files.filter(
        (file) => !allowed.test(file) && !/^(package\.json|README\.md|LICENSE)$/.test(file),
      );
      expect(extra, 'files outside dist').toEqual([]);
      expect(files.filter((file) => /\.test\.|\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
      expect(files).toContain('README.md');
      expect(files).toContain('LICENSE');
      if (name === '@aether/core') expect(manifest.exports).toHaveProperty('./conformance');
      if (ADAPTERS.includes(name)) {
        expect(manifest.peerDependencies).toEqual({ '@aether/core': `^${manifest.version}` });
        expect(manifest.dependencies?.['@aether/core']).toBeUndefined();
      }
      if (name === '@aether/adapter-postgres') {
        expect(files).toContain('drizzle/meta/_journal.json');
        expect(files.filter((file) => /^drizzle\/\d{4}_.+\.sql$/.test(file)).length).toBeGreaterThan(0);
      }
    },
  );

  it.each(['@aether/core', ...ADAPTERS])('%s passes publint --strict', async (name) => {
    const result = await runCommand('npx', ['publint', 'run', '--strict', tarballOf(name)], {
      cwd: REPO_ROOT,
    });
    expect(result.code, describeFailure(result)).toBe(0);
    expect(result.stdout).toContain('All good!');
  });

  it.each(['@aether/core', ...ADAPTERS])('%s passes attw --profile esm-only', async (name) => {
    const result = await runCommand(
      'npx',
      ['attw', tarballOf(name), '--profile', 'esm-only', '--format', 'json'],
      {
        cwd: REPO_ROOT,
      },
    );
    expect(result.code, describeFailure(result)).toBe(0);
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems.filter((problem) => !isIgnoredForEsmOnly(problem))).toEqual([]);
  });
});

/** Problems that the esm-only profile ignores: CommonJS and node10 resolution. */
function isIgnoredForEsmOnly(problem: unknown): boolean {
  const { resolutionKind } = problem as { resolutionKind?: string };
  return resolutionKind === 'node10' || resolutionKind === 'node16-cjs';
}

describe('a project outside the workspace that installed the tarballs with npm', () => {
  it('resolves every package from its own node_modules, not the workspace', () => {
    expect(project.startsWith(REPO_ROOT)).toBe(false);
    for (const name of ['@aether/core', ...ADAPTERS]) {
      const installed = realpathSync(join(project, 'node_modules', name));
      expect(installed.startsWith(realpathSync(project)), name).toBe(true);
      expect(existsSync(join(installed, 'src')), `${name} has no sources`).toBe(false);
    }
    // One copy of core, shared by the adapters (a peer dependency, not a dependency of each).
    for (const adapter of ADAPTERS) {
      expect(existsSync(join(project, 'node_modules', adapter, 'node_modules', '@aether', 'core'))).toBe(
        false,
      );
    }
  });

  it('type-checks a consumer of core, conformance, memory and fs with tsc, shipped declarations included', async () => {
    const result = await inProject('npx', ['tsc', '-p', 'tsconfig.json']);
    expect(result.code, describeFailure(result)).toBe(0);
  });

  it('type-checks a consumer of the postgres adapter with tsc', async () => {
    const result = await inProject('npx', ['tsc', '-p', 'tsconfig.postgres.json']);
    expect(result.code, describeFailure(result)).toBe(0);
  });

  it('type-checks the example SQLite adapter against the installed @aether/core', async () => {
    const result = await inProject('npx', ['tsc', '-p', 'sqlite-adapter/tsconfig.json']);
    expect(result.code, describeFailure(result)).toBe(0);
  });

  const expectedReplay = (kind: string) => ({
    kind,
    versions: [1, 2, 3, 4],
    types: ['OrderPlaced', 'OrderPaid', 'OrderPaid', 'OrderShipped'],
    appendedVersions: [2, 3],
    causation: [true, true],
    traced: 2,
    conflict: { versionConflict: true, code: 'VERSION_CONFLICT', current: 3 },
    closedCode: 'STORE_CLOSED',
    state: { status: 'OrderShipped', total: 42.5, paid: 42.5 },
    positionsIncrease: true,
    timestampsAreDates: true,
    reopened: { state: { status: 'OrderShipped', total: 42.5, paid: 42.5 }, same: true, logSize: 4 },
  });

  async function saveAndReplay(...args: string[]) {
    const result = await inProject('node', ['save-and-replay.mjs', ...args]);
    expect(result.code, describeFailure(result)).toBe(0);
    return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as unknown;
  }

  it('saves and replays with plain node on the memory store', async () => {
    expect(await saveAndReplay('memory')).toEqual(expectedReplay('memory'));
  });

  it('saves and replays with plain node on the file store, across a reopen', async () => {
    const directory = join(work, 'fs-store');
    expect(await saveAndReplay('fs', directory)).toEqual(expectedReplay('fs'));
    expect(existsSync(directory)).toBe(true);
  });

  it('saves and replays with plain node on PostgreSQL, migrating from the shipped drizzle folder', async () => {
    const server = await startEmbeddedPostgres();
    try {
      expect(await saveAndReplay('postgres', server.url, 'packed')).toEqual(expectedReplay('postgres'));
    } finally {
      await server.stop();
    }
  });

  it('runs @aether/core/conformance from the installed package: every group passes on the installed memory adapter and on the example adapter', async () => {
    const groups = await runChecked(
      'node',
      [
        '--input-type=module',
        '-e',
        "const { conformanceGroups } = await import('@aether/core/conformance'); console.log(JSON.stringify(conformanceGroups.map((g) => g.name)));",
      ],
      { cwd: project, env: outsideEnv() },
    );
    const groupNames = JSON.parse(groups.stdout) as string[];
    expect(groupNames.length).toBeGreaterThanOrEqual(20);

    const result = await inProject('npx', [
      'vitest',
      'run',
      '--reporter=json',
      '--outputFile=vitest-report.json',
    ]);
    const reportFile = join(project, 'vitest-report.json');
    expect(existsSync(reportFile), describeFailure(result)).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VitestReport;
    const failed = report.testResults.flatMap((file) =>
      file.assertionResults
        .filter((test) => test.status !== 'passed')
        .map((test) => `${test.fullName}: ${test.status}`),
    );
    expect(failed, describeFailure(result)).toEqual([]);
    expect(result.code, describeFailure(result)).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain('groups not run');

    const titles = report.testResults.flatMap((file) => file.assertionResults.map((test) => test.fullName));
    expect(titles.filter((title) => title.includes('not supported'))).toEqual([]);
    const suiteOf = (store: string) =>
      titles
        .filter((title) => title.startsWith(`aether conformance: ${store} / `))
        .map((title) => title.slice(`aether conformance: ${store} / `.length));
    const memory = suiteOf('installed memory');
    const sqlite = suiteOf('sqlite');
    for (const group of groupNames) {
      expect(
        memory.some((title) => title.startsWith(`${group} `)),
        `memory ran ${group}`,
      ).toBe(true);
      expect(
        sqlite.some((title) => title.startsWith(`${group} `)),
        `sqlite ran ${group}`,
      ).toBe(true);
    }
    // The example runs exactly the tests the reference adapter runs.
    expect(sqlite.sort()).toEqual(memory.sort());
    expect(memory.length).toBeGreaterThanOrEqual(100);
  });
});

interface VitestReport {
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}
