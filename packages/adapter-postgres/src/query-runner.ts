import type { Sql } from 'postgres';

/** Runs one prepared statement and returns its rows as arrays (independent of column transforms). */
export type RunQuery = (text: string, params: readonly unknown[]) => Promise<unknown[][]>;

export function createQueryRunner(client: Sql): RunQuery {
  // `prepare: true` still yields to a client created with `prepare: false` (e.g. behind PgBouncer).
  return async (text, params) =>
    (await client.unsafe(text, params as never[], { prepare: true }).values()) as unknown as unknown[][];
}
