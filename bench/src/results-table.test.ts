import { describe, expect, it } from 'vitest';
import type { TargetOutcome } from './bench-types.ts';
import { formatResultsTable, formatTargetsTable, type TableRow } from './results-table.ts';

const row = (
  subject: string,
  role: TableRow['role'],
  eventsPerSecond: number,
  scenario = 'sequential',
): TableRow => ({
  scenario,
  backend: 'postgres',
  subject,
  role,
  eventsPerSecond,
  // Round-by-round rates: the table's ratios pair them.
  rates: [eventsPerSecond * 2, eventsPerSecond, eventsPerSecond / 2],
  p50Ms: 0.8123,
  p99Ms: 12.34,
});

describe('formatResultsTable', () => {
  const table = formatResultsTable([
    row('postgres.js INSERT', 'floor', 1000),
    row('aether saveEvent', 'ours', 900),
    row('Emmett appendToStream', 'peer', 300),
    row('aether getEvents', 'ours', 123_456, 'read'),
    row('plain Map', 'floor', 400_000_000, 'map'),
    row('aether readAll', 'ours', 400_000, 'map'),
  ]);
  const lines = table.split('\n');

  it('is a markdown table with a header, a rule and one line per row, columns aligned', () => {
    expect(lines).toHaveLength(8);
    expect(lines[0]).toMatch(
      /^\| backend +\| scenario +\| subject +\| events\/s +\| p50 ms \| p99 ms \| vs floor \| vs peer \|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+ \|/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
  });

  it('gives our rows their ratio to the floor and the peer of the same scenario only', () => {
    expect(lines[3]).toContain('| 900 ');
    expect(lines[3]).toContain('| 0.90x ');
    expect(lines[3]).toContain('| 3.00x ');
    // The floor and peer rows carry no ratio; a scenario without a floor shows none.
    expect(lines[2]).not.toMatch(/\d\.\d\dx/);
    expect(lines[5]).toContain('123,456');
    expect(lines[5]).not.toMatch(/\d\.\d\dx/);
  });

  it('keeps two significant digits of a ratio far below 1', () => {
    expect(lines[7]).toContain('| 0.0010x ');
  });

  it('prints latencies with two decimals below 10 ms and one above', () => {
    expect(lines[3]).toContain('| 0.81 ');
    expect(lines[3]).toContain('| 12.3 ');
  });
});

describe('formatTargetsTable', () => {
  const outcome = (passed: boolean, repeats: number): TargetOutcome => ({
    scenario: 'sequential',
    backend: 'fs',
    target: { ours: 'a', reference: 'b', min: 0.9, label: 'saveEvent >= 0.9x append + fdatasync' },
    ratio: passed ? 0.95 : 0.5,
    passed,
    repeats,
  });

  it('says met or MISSED, and how often a pair within noise was measured', () => {
    const lines = formatTargetsTable([outcome(true, 0), outcome(false, 2)]).split('\n');
    expect(lines[2]).toContain('| 0.95x ');
    expect(lines[2]).toMatch(/\| met +\|$/);
    expect(lines[3]).toContain('| MISSED (pair measured 3x) |');
  });
});
