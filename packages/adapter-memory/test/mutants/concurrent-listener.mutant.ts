// The subscription does not wait for the listener: calls overlap and listener errors are lost.
import { runMutant } from './run-mutant.ts';

await runMutant('concurrent-listener', (store) => ({
  ...store,
  subscribe: (options, listener) =>
    store.subscribe(options, (event) => {
      void Promise.resolve()
        .then(() => listener(event))
        .catch(() => {});
    }),
}));
