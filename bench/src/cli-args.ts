import type { Backend } from './bench-types.ts';

export const BACKENDS: readonly Backend[] = ['postgres', 'fs', 'memory', 'api'];

export interface CliArgs {
  quick: boolean;
  check: boolean;
  backends: Backend[];
  /** Where the JSON results go; `undefined` = `bench/results/latest.json`. */
  out: string | undefined;
  /** Every target's minimum ratio is multiplied by this: how much margin a run has (default 1). */
  headroom: number;
  help: boolean;
}

export const USAGE = `Usage: pnpm bench [--quick] [--check] [--only=postgres,fs,memory,api] [--out=FILE] [--headroom=X]

  --quick   a few seconds per scenario (CI); default is the full run (medians of 5 rounds)
  --check   exit 1 when a target is missed (a pair within noise of its target is measured again first)
  --only    run these backends only (api = the console API under load)
  --out     write the JSON results here instead of bench/results/latest.json
  --headroom  judge against every target times X (1.2: which targets hold with 20% to spare)
Postgres: DATABASE_URL, or an embedded PostgreSQL 18 started and removed by the run.`;

/** Parses the bench's arguments; throws with a message naming an unknown or malformed one. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    quick: false,
    check: false,
    backends: [...BACKENDS],
    out: undefined,
    headroom: 1,
    help: false,
  };
  for (const arg of argv) {
    if (arg === '--') continue; // what `pnpm bench -- --check` may pass through
    if (arg === '--quick') args.quick = true;
    else if (arg === '--full') args.quick = false;
    else if (arg === '--check') args.check = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',');
      const unknown = names.filter((name) => !(BACKENDS as readonly string[]).includes(name));
      if (names.length === 0 || unknown.length > 0) {
        throw new Error(
          `--only: unknown backend ${unknown.join(', ') || '(none)'}; use ${BACKENDS.join(', ')}`,
        );
      }
      args.backends = BACKENDS.filter((backend) => names.includes(backend));
    } else if (arg.startsWith('--headroom=')) {
      const value = Number(arg.slice('--headroom='.length));
      if (!Number.isFinite(value) || value <= 0)
        throw new Error(`--headroom: ${arg} is not a positive number`);
      args.headroom = value;
    } else if (arg.startsWith('--out=') && arg.length > '--out='.length)
      args.out = arg.slice('--out='.length);
    else throw new Error(`unknown argument ${arg}`);
  }
  return args;
}
