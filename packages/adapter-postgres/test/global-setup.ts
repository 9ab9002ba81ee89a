import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * The tests' PostgreSQL: the server at `DATABASE_URL` when it is set (CI's PostgreSQL 15), otherwise
 * an embedded PostgreSQL 18, stopped and removed afterwards. Every test store lives in a schema of
 * its own, so test files can share the server.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('databaseUrl', external);
    return;
  }
  const server = await startEmbeddedPostgres();
  project.provide('databaseUrl', server.url);
  return () => server.stop();
}
