import postgres from 'postgres';

let counter = 0;
/** A schema or database name of this run, unique per subject: `bench_<kind>_<pid>_<n>`. */
export function freshName(kind: string): string {
  counter++;
  return `bench_${kind}_${process.pid}_${counter}`;
}

/** Runs one admin statement (DDL) on its own short-lived connection. */
export async function admin(url: string, statement: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Pool size of every Postgres subject: one connection per concurrent writer. */
export const POOL_SIZE = 16;
