import { setTimeout as sleep } from 'node:timers/promises';
import {
  duplicateEventId,
  type Event,
  type ExpectedVersion,
  expectedVersionMismatch,
  matchesExpectedVersion,
  type RecordedEvent,
  storeUnavailable,
  type ValidatedDraft,
  versionConflict,
} from '@aether/core';
import { isRetryableConflict, isUniqueViolation } from './pg-errors.ts';
import type { RunQuery } from './query-runner.ts';
import { decodeEventRow, type EventRow } from './rows.ts';
import type { AppendCheck, buildStatements } from './statements.ts';

type Statements = ReturnType<typeof buildStatements>;

// A write that stored nothing is diagnosed and, if a concurrent change explains nothing, run again.
const MAX_ATTEMPTS = 8;
const MAX_CONFLICT_RETRIES = 100;

interface Diagnosis {
  current: number;
  /** Stored events among the ids asked about, by id, still as rows (decoded only when returned). */
  stored: Map<string, { actorId: string; version: number; row: EventRow }>;
}

const jsonOrNull = (value: object | undefined) => (value === undefined ? null : JSON.stringify(value));

/** Writes with one statement each on the happy path; queries why only when nothing was stored. */
export function createEventWriter(run: RunQuery, statements: Statements, onCommit: () => void) {
  /**
   * Runs a write; `null` when it stored nothing because of a unique violation (diagnosed next).
   * Serialization failures (a caller's session at REPEATABLE READ or SERIALIZABLE) and deadlocks
   * stored nothing either: run again after a short random pause. Each round lets at least one of
   * the contenders through (they queue on the actor lock), so the bound is generous.
   */
  const attempt = async (text: string, params: readonly unknown[]): Promise<unknown[][] | null> => {
    for (let retry = 0; ; retry++) {
      try {
        return await run(text, params);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        if (!isRetryableConflict(error) || retry >= MAX_CONFLICT_RETRIES) throw error;
        await sleep(Math.random() * 2 ** Math.min(retry, 5));
      }
    }
  };

  const diagnose = async (actorId: string, ids: readonly string[]): Promise<Diagnosis> => {
    const rows = await run(statements.diagnose, [actorId, JSON.stringify(ids)]);
    const stored: Diagnosis['stored'] = new Map();
    for (const row of rows) {
      if (row[1] === null) continue;
      stored.set(String(row[2]), { actorId: String(row[4]), version: Number(row[6]), row });
    }
    return { current: Number(rows[0]?.[0] ?? 0), stored };
  };

  const gaveUp = () => storeUnavailable('the write kept meeting concurrent changes; nothing was stored');

  const batchJson = (events: readonly (Event | ValidatedDraft)[]) =>
    JSON.stringify(
      events.map((event, i) => ({
        i,
        id: event.id,
        version: 'version' in event ? event.version : null,
        type: event.eventType,
        command: event.commandId ?? null,
        data: event.data,
        metadata: event.metadata ?? null,
        ts: event.timestamp.toISOString(),
      })),
    );

  return {
    async saveEvent(event: Event): Promise<RecordedEvent> {
      const params = [
        event.id,
        event.actorId,
        event.version,
        event.eventType,
        event.commandId ?? null,
        JSON.stringify(event.data),
        jsonOrNull(event.metadata),
        event.timestamp.toISOString(),
      ];
      for (let round = 0; round < MAX_ATTEMPTS; round++) {
        const rows = await attempt(statements.saveOne, params);
        if (rows !== null && rows.length === 1) {
          onCommit();
          return { ...event, position: Number(rows[0]?.[0]) };
        }
        const { current, stored } = await diagnose(event.actorId, [event.id]);
        const existing = stored.get(event.id);
        if (existing !== undefined) {
          if (existing.actorId === event.actorId && existing.version === event.version) {
            return decodeEventRow(existing.row, 1);
          }
          throw duplicateEventId(event.id);
        }
        if (event.version <= current) throw versionConflict(event.actorId, event.version, current);
      }
      throw gaveUp();
    },

    /** A validated, non-empty batch of one actor. */
    async saveEvents(events: readonly Event[]): Promise<RecordedEvent[]> {
      const actorId = (events[0] as Event).actorId;
      const known = new Map<string, RecordedEvent>();
      let fresh = events;
      for (let round = 0; round < MAX_ATTEMPTS; round++) {
        if (fresh.length === 0) return events.map((event) => known.get(event.id) as RecordedEvent);
        const first = fresh[0] as Event;
        const last = fresh.at(-1) as Event;
        const rows = await attempt(statements.saveBatch, [
          batchJson(fresh),
          actorId,
          fresh.length,
          first.timestamp.toISOString(),
          last.timestamp.toISOString(),
          last.eventType,
          first.version,
          last.version,
        ]);
        if (rows !== null && rows.length === fresh.length) {
          onCommit();
          const positions = new Map(rows.map((row) => [String(row[1]), Number(row[0])]));
          for (const event of fresh)
            known.set(event.id, { ...event, position: positions.get(event.id) as number });
          return events.map((event) => known.get(event.id) as RecordedEvent);
        }
        const { current, stored } = await diagnose(
          actorId,
          events.map((event) => event.id),
        );
        for (const event of events) {
          const existing = stored.get(event.id);
          if (existing === undefined) continue;
          if (existing.actorId !== event.actorId || existing.version !== event.version) {
            throw duplicateEventId(event.id);
          }
          known.set(event.id, decodeEventRow(existing.row, 1));
        }
        fresh = events.filter((event) => !known.has(event.id));
        const next = fresh[0];
        if (next !== undefined && next.version <= current)
          throw versionConflict(actorId, next.version, current);
      }
      throw gaveUp();
    },

    /** Validated, non-empty drafts; `expected` already normalized. */
    async appendEvents(
      actorId: string,
      drafts: readonly ValidatedDraft[],
      expected: ExpectedVersion,
    ): Promise<RecordedEvent[]> {
      const check: AppendCheck =
        expected === 'any' ? 'any' : expected === 'no_stream' || expected === 0 ? 'noStream' : 'exact';
      const first = drafts[0] as ValidatedDraft;
      const last = drafts.at(-1) as ValidatedDraft;
      const params: unknown[] =
        drafts.length === 1
          ? [
              first.id,
              actorId,
              first.eventType,
              first.commandId ?? null,
              JSON.stringify(first.data),
              jsonOrNull(first.metadata),
              first.timestamp.toISOString(),
            ]
          : [
              batchJson(drafts),
              actorId,
              drafts.length,
              first.timestamp.toISOString(),
              last.timestamp.toISOString(),
              last.eventType,
            ];
      if (check === 'exact') params.push(expected);
      const text = (drafts.length === 1 ? statements.appendOne : statements.appendMany)[check];
      for (let round = 0; round < MAX_ATTEMPTS; round++) {
        const rows = await attempt(text, params);
        if (rows !== null && rows.length === drafts.length) {
          onCommit();
          const byId = new Map(rows.map((row) => [String(row[1]), row]));
          return drafts.map((draft) => {
            const row = byId.get(draft.id) as unknown[];
            return { ...draft, actorId, version: Number(row[2]), position: Number(row[0]) };
          });
        }
        const { current, stored } = await diagnose(
          actorId,
          drafts.map((draft) => draft.id),
        );
        if (stored.size === drafts.length && [...stored.values()].every((s) => s.actorId === actorId)) {
          // The same append again (a retry): answer with what the first one stored.
          return drafts.map((draft) => decodeEventRow(stored.get(draft.id)?.row as EventRow, 1));
        }
        const reused = drafts.find((draft) => stored.has(draft.id));
        if (reused !== undefined) throw duplicateEventId(reused.id);
        if (!matchesExpectedVersion(expected, current)) {
          throw expectedVersionMismatch(actorId, expected as number | 'no_stream', current);
        }
      }
      throw gaveUp();
    },
  };
}

export type EventWriter = ReturnType<typeof createEventWriter>;
