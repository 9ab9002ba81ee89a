import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Every complete stdout line so far. */
  lines: string[];
  /** Resolves when a line satisfying `match` has been printed (rejects if the child exits first). */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code or signal once the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

const running = new Set<Child>();

/** Kills every fixture process still running (for `afterEach`: a failed test leaves none behind). */
export async function killStrays(): Promise<void> {
  await Promise.all([...running].map((child) => killHard(child)));
}

/** Runs `test/fixtures/<script>` with tsx in a child process. */
export function runFixture(script: string, args: string[]): Child {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(packageDir, 'test', 'fixtures', script), ...args],
    {
      cwd: packageDir,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let partial = '';
  let errors = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of [...waiters]) wake();
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errors += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const wake of [...waiters]) wake();
      resolve({ code, signal });
    });
  });
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const handle: Child = {
    process: child,
    lines,
    exited,
    stderr: () => errors,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`timed out waiting for a line; stderr: ${errors}`)),
          timeoutMs,
        );
        const check = () => {
          const line = lines.find(match);
          if (line !== undefined) finish(null, line);
          else if (done) finish(new Error(`child exited before the line; stderr: ${errors}`));
        };
        const finish = (error: Error | null, line?: string) => {
          clearTimeout(timer);
          waiters.delete(check);
          if (error === null) resolve(line as string);
          else reject(error);
        };
        waiters.add(check);
        check();
      });
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** Kills a child with SIGKILL and waits until it is gone (and reaped). */
export async function killHard(child: Child): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await child.exited;
}
