import type { ResultRow, Role, TargetOutcome } from './bench-types.ts';
import { pairedRatio } from './judge-target.ts';

/** A result row with the role of its subject and its per-round rates, as the table needs them. */
export interface TableRow extends ResultRow {
  role: Role;
  /** The rate of each interleaved round, in round order (the same rounds for every row of a scenario). */
  rates: readonly number[];
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const millis = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '' : value < 10 ? value.toFixed(2) : value.toFixed(1);
/** Two decimals, or two significant digits for ratios below 0.1 (a floor far ahead is still told apart). */
const ratio = (value: number) => `${value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}x`;

function markdown(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Every measured subject, scenario by scenario; our rows also get their paired ratio (median of the
 * per-round ratios) to the scenario's floor and peer, when it has them.
 */
export function formatResultsTable(rows: readonly TableRow[]): string {
  const body = rows.map((row) => {
    const same = rows.filter((other) => other.backend === row.backend && other.scenario === row.scenario);
    const against = (role: Role) => {
      const reference = same.find((other) => other.role === role);
      return row.role !== 'ours' || reference === undefined
        ? ''
        : ratio(pairedRatio(row.rates, reference.rates));
    };
    return [
      row.backend,
      row.scenario,
      row.subject,
      number(row.eventsPerSecond),
      millis(row.p50Ms),
      millis(row.p99Ms),
      against('floor'),
      against('peer'),
    ];
  });
  return markdown(
    ['backend', 'scenario', 'subject', 'events/s', 'p50 ms', 'p99 ms', 'vs floor', 'vs peer'],
    body,
  );
}

/** One line per target: what was measured against what was promised. */
export function formatTargetsTable(outcomes: readonly TargetOutcome[]): string {
  return markdown(
    ['backend', 'scenario', 'target', 'measured', 'result'],
    outcomes.map((outcome) => [
      outcome.backend,
      outcome.scenario,
      outcome.target.label,
      ratio(outcome.ratio),
      `${outcome.passed ? 'met' : 'MISSED'}${outcome.repeats > 0 ? ` (pair measured ${outcome.repeats + 1}x)` : ''}`,
    ]),
  );
}
