import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' PostgreSQL: `DATABASE_URL`, or an embedded one started for the run. */
    databaseUrl: string;
  }
}

/**
 * A vitest `globalSetup`: provides `databaseUrl` — the server at `DATABASE_URL` when it is set (CI's
 * PostgreSQL 15), otherwise an embedded PostgreSQL 18, stopped and removed after the run.
 */
export async function providePostgres(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('databaseUrl', external);
    return undefined;
  }
  const server = await startEmbeddedPostgres();
  project.provide('databaseUrl', server.url);
  return () => server.stop();
}
