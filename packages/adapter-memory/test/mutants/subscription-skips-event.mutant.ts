// A subscription silently drops the third event it should deliver.
import { runMutant } from './run-mutant.ts';

await runMutant('subscription-skips-event', (store) => ({
  ...store,
  subscribe: (options, listener) => {
    let delivered = 0;
    return store.subscribe(options, (event) => {
      delivered += 1;
      if (delivered === 3) return;
      return listener(event);
    });
  },
}));
