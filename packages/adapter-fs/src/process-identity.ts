import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessFacts {
  /** False when the process is gone (or a zombie waiting to be reaped). */
  alive: boolean;
  /** Kernel start time of the process (Linux `/proc/<pid>/stat` field 22), when it can be read. */
  startTime: string | null;
}

/** Facts about a process on this host, from `/proc` where there is one, else from `kill(pid, 0)`. */
export function processFacts(pid: number): ProcessFacts {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    return { alive: state !== 'Z' && state !== 'X', startTime: fields[19] ?? null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return { alive: signalAlive(pid), startTime: null };
    return { alive: existsProc() ? false : signalAlive(pid), startTime: null };
  }
}

let procExists: boolean | undefined;
function existsProc(): boolean {
  if (procExists === undefined) {
    try {
      readFileSync('/proc/self/stat');
      procExists = true;
    } catch {
      procExists = false;
    }
  }
  return procExists;
}

function signalAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let self: { pid: number; host: string; startTime: string | null } | undefined;

/** This process: pid, host name and start time, as written into the lock file. */
export function currentProcess(): { pid: number; host: string; startTime: string | null } {
  if (self === undefined || self.pid !== process.pid) {
    self = { pid: process.pid, host: hostname(), startTime: processFacts(process.pid).startTime };
  }
  return self;
}
