import { providePostgres } from '@aether/test-postgres';

/** The PostgreSQL of the HTTP tests over the postgres store: `DATABASE_URL`, or an embedded one. */
export default providePostgres;
