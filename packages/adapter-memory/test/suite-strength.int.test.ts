// The conformance suite's proof of strength: it runs against deliberately broken memory stores
// (test/mutants/*.mutant.ts) in one child vitest process, and every mutant must fail at least one
// test while the unmutated control passes them all.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface TestResult {
  title: string;
  ancestorTitles: string[];
  status: string;
}

interface FileResult {
  name: string;
  message?: string;
  assertionResults: TestResult[];
}

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const mutantsDir = join(packageDir, 'test', 'mutants');
const vitestCli = join(packageDir, 'node_modules', 'vitest', 'vitest.mjs');
const CONTROL = 'unmutated';
const RUN_TIMEOUT_MS = 240_000;

const mutantNames = readdirSync(mutantsDir)
  .filter((file) => file.endsWith('.mutant.ts'))
  .map((file) => basename(file, '.mutant.ts'))
  .sort();

/** Runs vitest on the mutant fixtures with the JSON reporter; failures there are expected. */
async function runMutants(outputFile: string): Promise<{ code: number | null; stderr: string }> {
  // The child must not think it is a worker of this vitest run.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST')));
  const child = spawn(
    process.execPath,
    [
      vitestCli,
      'run',
      '--config',
      'test/vitest.mutants.config.ts',
      '--reporter=json',
      `--outputFile=${outputFile}`,
    ],
    { cwd: packageDir, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { code, stderr };
  } finally {
    clearTimeout(timer);
  }
}

describe('conformance suite strength (mutants of the memory store)', () => {
  let workDir = '';
  const results = new Map<string, FileResult>();

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'aether-mutants-'));
    const outputFile = join(workDir, 'report.json');
    const started = Date.now();
    const { code, stderr } = await runMutants(outputFile);
    const report = JSON.parse(
      await readFile(outputFile, 'utf8').catch(() => {
        throw new Error(`the mutant run (exit ${code}) wrote no report; stderr:\n${stderr}`);
      }),
    ) as { testResults: FileResult[] };
    for (const file of report.testResults) results.set(basename(file.name, '.mutant.ts'), file);
    const lines = mutantNames.map((name) => {
      const tests = results.get(name)?.assertionResults ?? [];
      const failed = tests.filter((test) => test.status === 'failed');
      const groups = [...new Set(failed.map((test) => test.ancestorTitles.at(-1)?.split(' / ').at(-1)))];
      return `  ${name}: ${failed.length}/${tests.length} failed [${groups.join(', ')}]`;
    });
    console.log(`mutant run: ${Date.now() - started} ms, exit ${code}\n${lines.join('\n')}`);
  }, RUN_TIMEOUT_MS + 10_000);

  afterAll(async () => {
    if (workDir !== '') await rm(workDir, { recursive: true, force: true });
  });

  it('ran every mutant fixture and the control', () => {
    expect(mutantNames).toContain(CONTROL);
    expect(mutantNames.length).toBeGreaterThanOrEqual(16);
    expect([...results.keys()].sort()).toEqual(mutantNames);
  });

  it('passes every test of the suite on the unmutated store, none skipped', () => {
    const control = results.get(CONTROL);
    const tests = control?.assertionResults ?? [];
    expect(control?.message ?? '', 'the control file loaded').toBe('');
    expect(tests.length).toBeGreaterThan(100);
    const notPassed = tests.filter((test) => test.status !== 'passed');
    expect(notPassed.map((test) => `${test.status}: ${test.title}`)).toEqual([]);
  });

  for (const name of mutantNames.filter((mutant) => mutant !== CONTROL)) {
    it(`catches the mutant ${name}: at least one conformance test fails`, () => {
      const file = results.get(name);
      const tests = file?.assertionResults ?? [];
      // A fixture that did not load has no test results: that is not the suite catching anything.
      expect(tests.length, `${name} registered the suite`).toBe(
        results.get(CONTROL)?.assertionResults.length,
      );
      expect(tests.filter((test) => test.status === 'failed').length).toBeGreaterThan(0);
    });
  }
});
