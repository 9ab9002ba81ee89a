// readAll treats `after` as inclusive, so a reader paging with after = last seen sees it twice.
import { runMutant } from './run-mutant.ts';

await runMutant('readall-repeats-cursor', (store) => ({
  ...store,
  readAll: (options = {}) =>
    store.readAll(
      typeof options.after === 'number' && options.after > 0
        ? { ...options, after: options.after - 1 }
        : options,
    ),
}));
