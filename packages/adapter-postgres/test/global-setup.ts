import { providePostgres } from '@aether/test-postgres';

/**
 * The tests' PostgreSQL: the server at `DATABASE_URL` when it is set (CI's PostgreSQL 15), otherwise
 * an embedded PostgreSQL 18, stopped and removed afterwards. Every test store lives in a schema of
 * its own, so test files can share the server.
 */
export default providePostgres;
