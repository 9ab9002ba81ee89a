import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A worker script in its own OS process (Node + tsx), talking in lines over stdin/stdout. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first stdout line (from now on, or already seen) that satisfies `match`. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  send(line: string): void;
  /** Resolves with the exit code; rejects with stderr when the code is not 0. */
  readonly exited: Promise<number>;
  kill(): void;
}

export function startWorker(name: string, args: readonly string[]): WorkerProcess {
  const script = fileURLToPath(new URL(`./workers/${name}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters) waiter();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('exit', (code) => {
      for (const waiter of waiters) waiter();
      if (code === 0) resolve(0);
      else reject(new Error(`worker ${name} exited with ${code}: ${stderr}`));
    });
  });
  exited.catch(() => {});
  return {
    child,
    lines,
    exited,
    send: (line) => child.stdin?.write(`${line}\n`),
    kill: () => child.kill('SIGKILL'),
    waitFor(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find(match);
          if (line !== undefined) {
            done();
            resolve(line);
          } else if (child.exitCode !== null) {
            done();
            reject(new Error(`worker ${name} exited (${child.exitCode}) before the line: ${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`worker ${name}: no matching line within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
