import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ActorPage,
  type EventPage,
  type EventsWithErrors,
  isAetherError,
  type NormalizedListActorsOptions,
  type RecordedEvent,
  type ReplayError,
  STANDARD_METADATA_KEYS,
  type StreamPage,
} from '@aether/core';
import type { RunQuery } from './query-runner.ts';
import { decodeActorRow, decodeEventRow, eventRowText, rowPosition } from './rows.ts';
import type { buildStatements } from './statements.ts';

type Statements = ReturnType<typeof buildStatements>;

const STANDARD_KEYS = new Set<string>(STANDARD_METADATA_KEYS);

export interface GlobalPage extends EventPage {
  /** Committed events exist past this page that older, still running transactions hold back. */
  heldBack: boolean;
}

/** `LIKE` pattern matching ids that start with `prefix` (`\`, `%` and `_` taken literally). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function pageOf(events: RecordedEvent[], limit: number): EventPage {
  const page = events.slice(0, limit);
  const last = page.at(-1);
  return { events: page, next: events.length > limit && last !== undefined ? last.position : null };
}

/** Clock observations a standby reader keeps (bounded; older ones only ever get promoted first). */
const MAX_STANDBY_OBSERVATIONS = 64;

export interface EventReaderOptions {
  /** Use the standby's rule (clock observations) even on a primary; for tests. */
  clockOnly?: boolean;
}

export function createEventReader(run: RunQuery, statements: Statements, options: EventReaderOptions = {}) {
  const toPage = (rows: unknown[][], limit: number): GlobalPage => {
    const events = rows.filter((row) => row[1] !== null).map((row) => decodeEventRow(row, 1));
    return { ...pageOf(events, limit), heldBack: rows[0]?.[0] === true };
  };

  // On a standby the primary's locks are invisible, so the horizon is proven by the clock instead:
  // a position seen in a snapshot is safe once every transaction that was running then has ended.
  let standbySafe = 0;
  const standbyPending: { position: number; nextXid: bigint }[] = [];
  const standbyHorizon = async (): Promise<number> => {
    const [row] = await run(statements.standbyClock, []);
    const oldestRunning = BigInt(String(row?.[0]));
    while (standbyPending.length > 0 && (standbyPending[0] as { nextXid: bigint }).nextXid <= oldestRunning) {
      standbySafe = Math.max(standbySafe, (standbyPending.shift() as { position: number }).position);
    }
    const seen = Number(row?.[2]);
    if (seen > standbySafe && standbyPending.length < MAX_STANDBY_OBSERVATIONS) {
      standbyPending.push({ position: seen, nextXid: BigInt(String(row?.[1])) });
    }
    return standbySafe;
  };

  /** One gap-safe page: the horizon first, then the read in a later snapshot. */
  const readBelowHorizon = async (after: number, limit: number, types: readonly string[] | undefined) => {
    const [row] = await run(statements.horizon, []);
    const standby = row?.[0] === true || options.clockOnly === true;
    const horizon = standby ? await standbyHorizon() : Number(row?.[1]);
    return toPage(
      types === undefined
        ? await run(statements.readAll, [after, limit + 1, horizon])
        : await run(statements.readAllTyped, [after, limit + 1, horizon, JSON.stringify(types)]),
      limit,
    );
  };

  return {
    async latestVersion(actorId: string): Promise<number> {
      const [row] = await run(statements.latestVersion, [actorId]);
      return row === undefined ? 0 : Number(row[0]);
    },

    async stream(actorId: string, fromVersion: number): Promise<RecordedEvent[]> {
      const rows = await run(statements.stream, [actorId, fromVersion]);
      return rows.map((row) => decodeEventRow(row));
    },

    async streamPage(actorId: string, fromVersion: number, limit: number): Promise<StreamPage> {
      const rows = await run(statements.streamPage, [actorId, fromVersion, limit + 1]);
      const events = rows.slice(0, limit).map((row) => decodeEventRow(row));
      const last = events.at(-1);
      return { events, next: rows.length > limit && last !== undefined ? last.version + 1 : null };
    },

    async streamWithErrors(actorId: string, fromVersion: number): Promise<EventsWithErrors> {
      const rows = await run(statements.stream, [actorId, fromVersion]);
      const events: RecordedEvent[] = [];
      const errors: ReplayError[] = [];
      for (const row of rows) {
        try {
          events.push(decodeEventRow(row));
        } catch (cause) {
          if (!isAetherError(cause, 'CORRUPT_RECORD')) throw cause;
          errors.push({ position: rowPosition(row), raw: eventRowText(row), cause });
        }
      }
      return { events, errors };
    },

    async byId(id: string): Promise<RecordedEvent | null> {
      const [row] = await run(statements.byId, [id]);
      return row === undefined ? null : decodeEventRow(row);
    },

    async listActors({ prefix, after, limit }: NormalizedListActorsOptions): Promise<ActorPage> {
      const { listActors } = statements;
      const rows =
        prefix === ''
          ? after === undefined
            ? await run(listActors.all, [limit + 1])
            : await run(listActors.after, [after, limit + 1])
          : after === undefined
            ? await run(listActors.prefix, [prefixPattern(prefix), limit + 1])
            : await run(listActors.prefixAfter, [prefixPattern(prefix), after, limit + 1]);
      const actors = rows.map(decodeActorRow);
      const page = actors.slice(0, limit);
      return { actors: page, next: actors.length > limit ? (page.at(-1)?.actorId ?? null) : null };
    },

    /**
     * The gap-safe global log. When committed events are held back by this schema's writers still
     * running and the page is not full, waits up to `waitMs` for them to finish, so a caller sees
     * what was committed before it called. A reader never skips: held back, it returns less.
     */
    async readAll(
      after: number,
      limit: number,
      eventTypes: readonly string[] | undefined,
      waitMs: number,
    ): Promise<GlobalPage> {
      let page = await readBelowHorizon(after, limit, eventTypes);
      const deadline = Date.now() + waitMs;
      for (let delay = 1; page.heldBack && page.next === null && Date.now() < deadline; ) {
        await sleep(delay);
        delay = Math.min(delay * 2, 25);
        page = await readBelowHorizon(after, limit, eventTypes);
      }
      return page;
    },

    async findByMetadata(key: string, value: string, after: number, limit: number): Promise<EventPage> {
      const rows = STANDARD_KEYS.has(key)
        ? await run(statements.findByStandardKey[key] as string, [value, after, limit + 1])
        : await run(statements.findByAnyKey, [value, after, limit + 1, key]);
      return pageOf(
        rows.map((row) => decodeEventRow(row)),
        limit,
      );
    },
  };
}

export type EventReader = ReturnType<typeof createEventReader>;
