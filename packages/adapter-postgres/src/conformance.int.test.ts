import { runConformanceSuite } from '@aether/core/conformance';
import { postgresHooks } from '../test/postgres-hooks.ts';

// The whole contract against a real PostgreSQL (embedded 18, or DATABASE_URL); no group skipped.
await runConformanceSuite({ name: 'postgres', ...postgresHooks });
