import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@aether/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/file-lock.ts';
import { createFileEventStore, type RecoveryEvent } from '../src/index.ts';
import { killHard, killStrays, runFixture } from './child-process.ts';
import { tempDirectory } from './temp-store.ts';

const directories: string[] = [];
function freshDirectory(label: string): string {
  const directory = tempDirectory(label);
  directories.push(directory);
  return directory;
}
afterEach(async () => {
  await killStrays();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function readWholeLog(directory: string): Promise<RecordedEvent[]> {
  const store = await createFileEventStore({ directory });
  try {
    const events: RecordedEvent[] = [];
    let after = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: 1000 });
      events.push(...page.events);
      if (page.next === null) return events;
      after = page.next;
    }
  } finally {
    await store.close();
  }
}

describe('two writer processes on one directory', () => {
  it('never let both win a version; appends with "any" from both are all kept, contiguous', async () => {
    const directory = freshDirectory('race');
    const versions = 60;
    const children = ['left', 'right'].map((label) =>
      runFixture('race-writer.ts', [directory, label, String(versions)]),
    );
    await Promise.all(children.map((child) => child.waitFor((line) => line === 'READY')));
    for (const child of children) child.process.stdin.end('GO\n');
    await Promise.all(children.map((child) => child.waitFor((line) => line === 'DONE', 120_000)));
    for (const child of children) expect(await child.exited).toEqual({ code: 0, signal: null });

    const lines = children.flatMap((child) => child.lines);
    console.log(
      `race: wins per process ${children.map((child) => child.lines.filter((line) => line.startsWith('WON ')).length).join(' / ')}`,
    );
    const won = new Set(lines.filter((line) => line.startsWith('WON ')).map((line) => line.slice(4)));
    const lost = lines.filter((line) => line.startsWith('LOST '));
    // Each (actor, version) was tried twice: once won, once lost with a version conflict.
    expect(won.size).toBe(3 * versions);
    expect(lost).toHaveLength(3 * versions);
    for (const line of lost) expect(line.endsWith(' VERSION_CONFLICT')).toBe(true);

    const log = await readWholeLog(directory);
    const raced = log.filter((event) => event.actorId.startsWith('race-') && event.actorId !== 'race-any');
    expect(raced.map((event) => event.id).sort()).toEqual([...won].sort());
    for (const actorId of ['race-a', 'race-b', 'race-c']) {
      expect(raced.filter((event) => event.actorId === actorId).map((event) => event.version)).toEqual(
        Array.from({ length: versions }, (_, index) => index + 1),
      );
    }
    const appended = new Set(
      lines.filter((line) => line.startsWith('APPENDED ')).map((line) => line.slice(9)),
    );
    const anyStream = log.filter((event) => event.actorId === 'race-any');
    expect(appended.size).toBe(40);
    expect(new Set(anyStream.map((event) => event.id))).toEqual(appended);
    expect(anyStream.map((event) => event.version)).toEqual(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
    // Positions are unique and increase along the log.
    const positions = log.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
  });
});

describe('a reader process tailing a writer process', () => {
  it('delivers every event to a subscription exactly once, in position order', async () => {
    const directory = freshDirectory('tail');
    const count = 600;
    const reader = await createFileEventStore({ directory, pollIntervalMs: 200 });
    const seen: RecordedEvent[] = [];
    let allSeen: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      allSeen = resolve;
    });
    const subscription = reader.subscribe({}, (event) => {
      seen.push(event);
      if (seen.length === count) allSeen();
    });
    try {
      const writer = runFixture('tail-writer.ts', [directory, String(count)]);
      await writer.waitFor((line) => line.startsWith('DONE'), 120_000);
      expect(await writer.exited).toEqual({ code: 0, signal: null });
      await Promise.race([
        done,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`saw ${seen.length} of ${count}`)), 30_000),
        ),
      ]);
      // Nothing more arrives after the last one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toHaveLength(count);
      expect(new Set(seen.map((event) => event.id)).size).toBe(count);
      const positions = seen.map((event) => event.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(seen).toEqual(await readWholeLog(directory));
    } finally {
      await subscription.close();
      await reader.close();
    }
  });
});

describe('a writer killed while it holds the write lock', () => {
  it('does not block the next writer: its stale lock is broken at once and reported', async () => {
    const directory = freshDirectory('stale');
    const writer = runFixture('busy-writer.ts', [directory]);
    await writer.waitFor(() => writer.lines.filter((line) => line.startsWith('A ')).length >= 200);
    await killHard(writer);
    const lockPath = join(directory, 'ns.default', LOCK_FILE);
    // The busy writer always had calls queued, so it held the lock when it died.
    expect(existsSync(lockPath)).toBe(true);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(writer.process.pid);

    const recoveries: RecoveryEvent[] = [];
    const started = performance.now();
    const store = await createFileEventStore({
      directory,
      lockTimeoutMs: 10_000,
      onRecovery: (event) => recoveries.push(event),
    });
    try {
      const [event] = await store.appendEvents('after-crash', [{ eventType: 'Recovered', data: {} }]);
      expect(event?.version).toBe(1);
      // Far below any timeout: liveness, not age, decides.
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(
        recoveries.some((item) => item.kind === 'stale-lock-broken' && item.pid === writer.process.pid),
      ).toBe(true);
      const acknowledged = writer.lines.filter((line) => line.startsWith('A ')).map((line) => line.slice(2));
      for (const id of acknowledged) expect(await store.getEventById(id), id).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
