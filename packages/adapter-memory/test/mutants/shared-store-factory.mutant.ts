// createStore() returns stores on one shared backend: tests see each other's data.
import { runMutant } from './run-mutant.ts';

await runMutant('shared-store-factory', (store) => store, { sharedBackend: true });
