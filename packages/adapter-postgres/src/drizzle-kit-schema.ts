import { pgTable } from 'drizzle-orm/pg-core';
import { defineTables } from './tables.ts';

// drizzle-kit reads this file: unqualified tables, so the generated SQL runs in whichever schema the
// migrator selects with `search_path`.
export const { actors, events, snapshots } = defineTables(pgTable);
