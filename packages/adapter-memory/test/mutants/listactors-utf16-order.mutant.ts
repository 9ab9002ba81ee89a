// listActors sorts with `<` on JS strings (UTF-16 code units), putting U+FFFD after astral characters.
import type { ActorSummary } from '@aether/core';
import { runMutant } from './run-mutant.ts';

const byCodeUnit = (a: ActorSummary, b: ActorSummary) =>
  a.actorId < b.actorId ? -1 : a.actorId > b.actorId ? 1 : 0;

await runMutant('listactors-utf16-order', (store) => ({
  ...store,
  listActors: async (options = {}) => {
    await store.listActors(options);
    const all = (await store.listActors({ prefix: options.prefix, limit: 1000 })).actors.sort(byCodeUnit);
    const after = options.after;
    const rest = after === undefined ? all : all.filter((actor) => actor.actorId > after);
    const limit = options.limit ?? 100;
    const actors = rest.slice(0, limit);
    return { actors, next: rest.length > limit ? (actors.at(-1)?.actorId ?? null) : null };
  },
}));
