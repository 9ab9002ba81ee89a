// close() resolves but the store keeps working and its subscriptions keep running.
import { runMutant } from './run-mutant.ts';

await runMutant('close-does-not-close', (store) => ({ ...store, close: async () => {} }));
