import { describe, expect, it } from 'vitest';
import { BACKENDS, parseArgs } from './cli-args.ts';

describe('parseArgs', () => {
  it('defaults to the full run of every backend without the check', () => {
    expect(parseArgs([])).toEqual({
      quick: false,
      check: false,
      backends: [...BACKENDS],
      out: undefined,
      headroom: 1,
      help: false,
    });
  });

  it('reads the flags, ignoring the -- that pnpm may pass through', () => {
    expect(
      parseArgs(['--', '--quick', '--check', '--only=memory,fs', '--out=/tmp/x.json', '--headroom=1.5']),
    ).toEqual({
      quick: true,
      check: true,
      backends: ['fs', 'memory'],
      out: '/tmp/x.json',
      headroom: 1.5,
      help: false,
    });
    expect(parseArgs(['--quick', '--full']).quick).toBe(false);
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it('refuses unknown arguments and backends by name', () => {
    expect(() => parseArgs(['--fast'])).toThrow('unknown argument --fast');
    expect(() => parseArgs(['--only=memory,sqlite'])).toThrow('unknown backend sqlite');
    expect(() => parseArgs(['--out='])).toThrow('unknown argument --out=');
    expect(() => parseArgs(['--headroom=0'])).toThrow('not a positive number');
    expect(() => parseArgs(['--headroom=lots'])).toThrow('not a positive number');
  });
});
