import type { Contender, Role } from './bench-types.ts';
import { type Driver, need, type OpenDriver } from './driver.ts';
import { freshActorId } from './payload.ts';
import { timedLoop, timedWriters } from './timed-loop.ts';
import { WORKLOAD } from './workload.ts';

export interface ContenderSpec {
  subject: string;
  role: Role;
  open: OpenDriver;
}

/** A contender holding one driver from `setup` to `teardown`. */
function withDriver(
  spec: ContenderSpec,
  prepare: (driver: Driver) => Promise<void>,
  sample: (driver: Driver, durationMs: number) => ReturnType<Contender['sample']>,
): Contender {
  let driver: Driver | undefined;
  const opened = () => {
    if (driver === undefined) throw new Error(`${spec.subject} is not set up`);
    return driver;
  };
  return {
    subject: spec.subject,
    role: spec.role,
    async setup() {
      driver = await spec.open();
      await prepare(driver);
    },
    sample: (durationMs) => sample(opened(), durationMs),
    async teardown() {
      const open = driver;
      driver = undefined;
      await open?.close();
    },
  };
}

/**
 * Single-event appends by `writers` concurrent writers, each to an actor of its own (new actors
 * every sample, so each starts at version 1). `mode` picks the write: `version` = the caller gives
 * the version (`saveEvent`, plain INSERT); `expected` = the store assigns it after an expected-version
 * check (`appendEvents`, Emmett's `appendToStream`).
 */
export function appendContender(
  spec: ContenderSpec,
  writers: number,
  mode: 'version' | 'expected',
): Contender {
  return withDriver(
    spec,
    async () => {},
    (driver, durationMs) => {
      const write =
        mode === 'version'
          ? need(driver, 'append', spec.subject)
          : need(driver, 'appendExpected', spec.subject);
      const actors = Array.from({ length: writers }, () => freshActorId('append'));
      return timedWriters(durationMs, writers, async (writer, iteration) => {
        const actorId = actors[writer] as string;
        // `version` mode passes the new version; `expected` mode the version before it.
        await write(actorId, mode === 'version' ? iteration + 1 : iteration);
        return 1;
      });
    },
  );
}

/** Atomic batches of `size` events to one actor, back to back. */
export function batchContender(spec: ContenderSpec, size: number): Contender {
  return withDriver(
    spec,
    async () => {},
    (driver, durationMs) => {
      const appendBatch = need(driver, 'appendBatch', spec.subject);
      const actorId = freshActorId('batch');
      return timedLoop(durationMs, async (iteration) => {
        await appendBatch(actorId, iteration * size + 1, size);
        return size;
      });
    },
  );
}

/** Whole-stream reads of one actor holding `events` events (written in set-up). */
export function streamReadContender(spec: ContenderSpec, events: number): Contender {
  const actorId = freshActorId('stream');
  return withDriver(
    spec,
    (driver) => driver.seed(actorId, events),
    (driver, durationMs) => {
      const readStream = need(driver, 'readStream', spec.subject);
      return timedLoop(durationMs, async () => {
        const read = await readStream(actorId);
        if (read !== events) throw new Error(`${spec.subject} read ${read} of ${events} events`);
        return read;
      });
    },
  );
}

/**
 * Reads of the whole global log (`actors` x `perActor` events written in set-up) in pages of `pageSize`;
 * every backend uses the shared workload unless a test asks for less.
 */
export function readAllContender(
  spec: ContenderSpec,
  actors = WORKLOAD.readAllActors,
  perActor = WORKLOAD.readAllPerActor,
  pageSize = WORKLOAD.readAllPage,
) {
  const total = actors * perActor;
  return withDriver(
    spec,
    async (driver) => {
      for (let i = 0; i < actors; i++) await driver.seed(freshActorId('log'), perActor);
    },
    (driver, durationMs) => {
      const readAll = need(driver, 'readAll', spec.subject);
      return timedLoop(durationMs, async () => {
        const read = await readAll(pageSize);
        if (read !== total) throw new Error(`${spec.subject} read ${read} of ${total} events`);
        return read;
      });
    },
  );
}

/**
 * `getLatestVersion` of a short and a long stream on one shared store (so only the stream length
 * differs): two contenders, `<subject> (<n> events)`, the store opened by the first set-up and closed
 * by the last teardown.
 */
export function latestVersionContenders(
  spec: ContenderSpec,
  lengths: readonly number[] = WORKLOAD.latestVersionLengths,
): { contenders: Contender[]; subjectOf: (length: number) => string } {
  const subjectOf = (length: number) => `${spec.subject} (${length.toLocaleString('en-US')} events)`;
  const actors = lengths.map(() => freshActorId('latest'));
  let shared: Promise<Driver> | undefined;
  let users = 0;
  const contenders = lengths.map((length, index): Contender => {
    const actorId = actors[index] as string;
    return {
      subject: subjectOf(length),
      role: spec.role,
      async setup() {
        users++;
        shared ??= (async () => {
          const driver = await spec.open();
          for (const [i, n] of lengths.entries()) await driver.seed(actors[i] as string, n);
          return driver;
        })();
        await shared;
      },
      async sample(durationMs) {
        const driver = await (shared as Promise<Driver>);
        const latestVersion = need(driver, 'latestVersion', spec.subject);
        return timedLoop(durationMs, async () => {
          const version = await latestVersion(actorId);
          if (version !== length)
            throw new Error(`${spec.subject}: latest version ${version}, expected ${length}`);
          return 1;
        });
      },
      async teardown() {
        users--;
        if (users > 0 || shared === undefined) return;
        const driver = shared;
        shared = undefined;
        await (await driver).close();
      },
    };
  });
  return { contenders, subjectOf };
}
