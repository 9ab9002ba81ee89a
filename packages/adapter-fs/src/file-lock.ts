import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { storeUnavailable } from '@aether/core';
import { currentProcess, processFacts } from './process-identity.ts';

/** A place in the log: a segment and a byte offset in it. */
export interface LogPoint {
  segment: number;
  offset: number;
}

/** The lock file's content (one JSON object): who holds it. */
export interface LockInfo {
  pid: number;
  host: string;
  startTime: string | null;
  token: string;
  at: number;
}

export interface HeldLock {
  /** True when a dead holder's lock was removed to get this one: its last write may be unsynced. */
  readonly brokeStale: boolean;
  /** True when another store has been waiting for the lock (it should be released soon). */
  waitersSeen(): boolean;
  release(): void;
}

export interface FileLockOptions {
  timeoutMs: number;
  /** A lock from another host (network file system) is presumed dead after this long. */
  foreignStaleMs: number;
  onStaleBroken: (pid: number | null, reason: string) => void;
}

export const LOCK_FILE = 'write.lock';
const BREAKER_DIR = 'write.lock.breaking';
const WAITING_FILE = 'write.lock.waiting';
/** A lock file still empty this long after its creation belongs to a holder that died creating it. */
const EMPTY_LOCK_STALE_MS = 2_000;
/** A breaker directory this old belongs to a breaker that died (breaking takes microseconds). */
const BREAKER_STALE_MS = 5_000;
/** A waiter refreshes its "waiting" mark this often; a holder defers to a mark fresher than twice that. */
const WAITING_REFRESH_MS = 100;
/** How long a holder that saw a waiter stays away before taking the lock again. */
const YIELD_MS = 4;
/** A holder refreshes the lock file's mtime this often, so that only a dead holder's lock grows old. */
const HEARTBEAT_MS = 5_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => (ms <= 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

interface Verdict {
  stale: boolean;
  pid: number | null;
  reason: string;
  text: string | null;
  ino: number;
  mtimeMs: number;
}

/**
 * The inter-process write lock of one namespace: a file created with `O_EXCL` that names its holder
 * (pid, host, process start time). A lock whose holder no longer runs is removed at once (no timeout
 * to wait out); two processes removing the same stale lock are serialised by a breaker directory, so
 * neither can remove the other's fresh lock. Waiters leave a mark that makes a busy holder step aside
 * between batches, so no process starves.
 */
export class FileLock {
  readonly #dir: string;
  readonly #path: string;
  readonly #options: FileLockOptions;
  #yieldUntil = 0;

  constructor(dir: string, options: FileLockOptions) {
    this.#dir = dir;
    this.#path = join(dir, LOCK_FILE);
    this.#options = options;
  }

  async acquire(): Promise<HeldLock> {
    const deadline = Date.now() + this.#options.timeoutMs;
    const token = randomBytes(12).toString('hex');
    let brokeStale = false;
    let attempt = 0;
    let markedAt = 0;
    if (this.#yieldUntil > Date.now()) await sleep(this.#yieldUntil - Date.now());
    for (;;) {
      if (this.#tryCreate(token)) {
        if (markedAt > 0) this.#clearWaitingMark(token);
        return this.#handle(token, brokeStale);
      }
      const verdict = this.#inspect();
      if (verdict.stale) {
        if (this.#breakStale(verdict)) {
          brokeStale = true;
          this.#options.onStaleBroken(verdict.pid, verdict.reason);
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw storeUnavailable(
          `the write lock of ${this.#dir} is held by process ${verdict.pid ?? 'unknown'} for longer than ${this.#options.timeoutMs} ms`,
        );
      }
      if (Date.now() - markedAt > WAITING_REFRESH_MS) {
        this.#markWaiting(token);
        markedAt = Date.now();
      }
      await sleep(attempt < 2 ? 0 : Math.min(2, attempt - 1) * (0.5 + Math.random()));
      attempt++;
    }
  }

  /** Who holds the lock now, or null (also when the holder is still writing the file). */
  holder(): LockInfo | null {
    try {
      return parseInfo(readFileSync(this.#path, 'utf8'));
    } catch (error) {
      if (errno(error) === 'ENOENT') return null;
      throw error;
    }
  }

  #tryCreate(token: string): boolean {
    let fd: number;
    try {
      fd = openSync(this.#path, 'wx');
    } catch (error) {
      if (errno(error) === 'EEXIST') return false;
      throw storeUnavailable(`cannot create the write lock in ${this.#dir}`, error);
    }
    try {
      const me = currentProcess();
      const info: LockInfo = { pid: me.pid, host: me.host, startTime: me.startTime, token, at: Date.now() };
      writeSync(fd, JSON.stringify(info));
    } catch (error) {
      closeSync(fd);
      unlinkSync(this.#path);
      throw error;
    }
    closeSync(fd);
    return true;
  }

  #handle(token: string, brokeStale: boolean): HeldLock {
    let released = false;
    let lastWaiterCheck = 0;
    const heartbeat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(this.#path, now, now);
      } catch {
        // the next beat tries again; release stops it
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    return {
      brokeStale,
      waitersSeen: () => {
        // At most once a millisecond: a waiter polls every few, and a stat per batch adds up.
        const now = performance.now();
        if (now - lastWaiterCheck < 1) return false;
        lastWaiterCheck = now;
        return this.#waiterPresent(token);
      },
      release: () => {
        if (released) return;
        released = true;
        clearInterval(heartbeat);
        try {
          // Remove the file only while it is still ours.
          if (this.holder()?.token === token) unlinkSync(this.#path);
        } catch {
          // This runs from the lease's linger timer too, where a throw would end the process. A lock
          // file left behind names this live process: the next acquire waits and then answers
          // STORE_UNAVAILABLE; once the process exits, the lock is stale and broken at once.
        }
        if (this.#waiterPresent(token)) this.#yieldUntil = Date.now() + YIELD_MS;
      },
    };
  }

  #inspect(): Verdict {
    let text: string;
    let ino: number;
    let mtimeMs: number;
    try {
      const stat = statSync(this.#path);
      ino = stat.ino;
      mtimeMs = stat.mtimeMs;
      text = readFileSync(this.#path, 'utf8');
    } catch (error) {
      // Released between our attempt and now: not stale, just try again.
      if (errno(error) === 'ENOENT') {
        return { stale: false, pid: null, reason: 'released', text: null, ino: 0, mtimeMs: 0 };
      }
      throw storeUnavailable(`cannot read the write lock of ${this.#dir}`, error);
    }
    const info = parseInfo(text);
    const base = { text, ino, mtimeMs };
    if (info === null) {
      const stale = Date.now() - mtimeMs > EMPTY_LOCK_STALE_MS;
      return { ...base, stale, pid: null, reason: 'its holder died while creating it' };
    }
    const me = currentProcess();
    if (info.host !== me.host) {
      const stale = Date.now() - mtimeMs > this.#options.foreignStaleMs;
      return { ...base, stale, pid: info.pid, reason: `host ${info.host} has not released it` };
    }
    const facts = processFacts(info.pid);
    if (!facts.alive)
      return { ...base, stale: true, pid: info.pid, reason: `process ${info.pid} no longer runs` };
    if (info.startTime !== null && facts.startTime !== null && facts.startTime !== info.startTime) {
      return {
        ...base,
        stale: true,
        pid: info.pid,
        reason: `process ${info.pid} no longer runs (pid reused)`,
      };
    }
    return { ...base, stale: false, pid: info.pid, reason: 'held' };
  }

  /** Removes the stale lock seen as `seen`, unless it changed meanwhile. True when it removed it. */
  #breakStale(seen: Verdict): boolean {
    const breaker = join(this.#dir, BREAKER_DIR);
    try {
      mkdirSync(breaker);
    } catch (error) {
      if (errno(error) !== 'EEXIST')
        throw storeUnavailable(`cannot break the stale lock of ${this.#dir}`, error);
      try {
        if (Date.now() - statSync(breaker).mtimeMs > BREAKER_STALE_MS) rmdirSync(breaker);
      } catch {
        // another process removed it first
      }
      return false;
    }
    try {
      const stat = statSync(this.#path);
      const text = readFileSync(this.#path, 'utf8');
      if (stat.ino === seen.ino && stat.mtimeMs === seen.mtimeMs && text === seen.text) {
        unlinkSync(this.#path);
        return true;
      }
      return false;
    } catch (error) {
      if (errno(error) === 'ENOENT') return false;
      throw storeUnavailable(`cannot break the stale lock of ${this.#dir}`, error);
    } finally {
      rmdirSync(breaker);
    }
  }

  #markWaiting(token: string): void {
    try {
      const fd = openSync(join(this.#dir, WAITING_FILE), 'w');
      try {
        writeSync(fd, token);
      } finally {
        closeSync(fd);
      }
    } catch {
      // only a fairness hint
    }
  }

  #clearWaitingMark(token: string): void {
    try {
      const path = join(this.#dir, WAITING_FILE);
      if (readFileSync(path, 'utf8') === token) unlinkSync(path);
    } catch {
      // only a fairness hint
    }
  }

  #waiterPresent(token: string): boolean {
    const path = join(this.#dir, WAITING_FILE);
    try {
      // Checking first avoids an exception (costly) on the common path: nobody waits.
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat === undefined || Date.now() - stat.mtimeMs >= 2 * WAITING_REFRESH_MS) return false;
      return readFileSync(path, 'utf8') !== token;
    } catch {
      return false;
    }
  }
}

function parseInfo(text: string): LockInfo | null {
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info?.pid !== 'number' || typeof info.token !== 'string') return null;
    return info;
  } catch {
    return null;
  }
}
