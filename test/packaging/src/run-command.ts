import { spawn } from 'node:child_process';

export interface CommandResult {
  command: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (the whole process group) after this long. Default 10 minutes. */
  timeoutMs?: number;
}

/** Runs a command to its end and captures its output; never rejects on a non-zero exit. */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const command = [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs ?? 600_000} ms]`;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // It ended just now.
      }
    }, options.timeoutMs ?? 600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ command, code, stdout, stderr });
    });
  });
}

/** Like `runCommand`, but throws with the command's output unless it exits 0. */
export async function runChecked(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new Error(describeFailure(result));
  return result;
}

export function describeFailure(result: CommandResult): string {
  const tail = (text: string) => text.split('\n').slice(-60).join('\n');
  return `\`${result.command}\` exited ${result.code}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`;
}
