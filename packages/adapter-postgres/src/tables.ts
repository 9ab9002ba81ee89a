import { STANDARD_METADATA_KEYS } from '@aether/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  jsonb,
  type PgTableFn,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/**
 * Ids compared byte-wise: `COLLATE "C"` orders by code point (the contract's `listActors` order),
 * lets `LIKE 'prefix%'` use the b-tree, and is cheaper than a linguistic collation.
 */
const codePointText = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

/**
 * Metadata values can be as long as the event size limit, but a b-tree entry must stay under
 * ~2.7 kB: the indexes hold the first 256 characters and queries recheck the whole value.
 */
export const METADATA_INDEX_PREFIX = 256;

const millis = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });

/** The store's three tables, built with `pgTable` (for drizzle-kit) or a `pgSchema(name).table`. */
export function defineTables<S extends string | undefined>(table: PgTableFn<S>) {
  const actors = table('actors', {
    actorId: codePointText('actor_id').primaryKey(),
    latestVersion: bigint('latest_version', { mode: 'number' }).notNull(),
    eventCount: bigint('event_count', { mode: 'number' }).notNull(),
    firstEventAt: millis('first_event_at').notNull(),
    lastEventAt: millis('last_event_at').notNull(),
    lastEventType: text('last_event_type').notNull(),
  });

  const events = table(
    'events',
    {
      // Taken by each write with nextval after it published a lower bound (see statements.ts).
      position: bigint('position', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
      id: codePointText('id').notNull(),
      actorId: codePointText('actor_id').notNull(),
      version: bigint('version', { mode: 'number' }).notNull(),
      eventType: codePointText('event_type').notNull(),
      commandId: text('command_id'),
      data: jsonb('data').notNull(),
      metadata: jsonb('metadata'),
      timestamp: millis('timestamp').notNull(),
    },
    (t) => [
      unique('events_id_key').on(t.id),
      unique('events_actor_version_key').on(t.actorId, t.version),
      index('events_type_position_idx').on(t.eventType, t.position),
      ...STANDARD_METADATA_KEYS.map((key) =>
        index(`events_meta_${key.toLowerCase()}_idx`)
          .on(
            sql`left(${t.metadata} ->> ${sql.raw(`'${key}'`)}, ${sql.raw(String(METADATA_INDEX_PREFIX))})`,
            t.position,
          )
          .where(sql`(${t.metadata} ->> ${sql.raw(`'${key}'`)}) IS NOT NULL`),
      ),
    ],
  );

  const snapshots = table(
    'snapshots',
    {
      actorId: codePointText('actor_id').notNull(),
      version: bigint('version', { mode: 'number' }).notNull(),
      state: jsonb('state').notNull(),
      timestamp: millis('timestamp').notNull(),
    },
    (t) => [primaryKey({ columns: [t.actorId, t.version], name: 'snapshots_pkey' })],
  );

  return { actors, events, snapshots };
}

/** The tables in one schema, for typed Drizzle queries of your own (e.g. a reporting job). */
export function aetherTables(schema: string) {
  return defineTables(pgSchema(schema).table);
}
