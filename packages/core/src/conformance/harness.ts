import { afterEach } from 'vitest';
import type { AetherStore, AnyEventStore } from '../types.ts';
import type { ConformanceOptions } from './options.ts';

/** The optional methods a group may need, by name. */
export type StoreMethod = Exclude<keyof AetherStore, 'saveEvent' | 'getEvents' | 'getLatestVersion'>;

/** A store known to have `M` as well as the base contract. */
export type StoreWith<M extends StoreMethod> = AnyEventStore & Pick<AetherStore, M>;

export const DEFAULT_TIMEOUT_MS = 20_000;

/** Per-test timeout. */
export function timeoutOf(options: ConformanceOptions): number {
  return options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
}

/** How long a test waits for something to happen (a live event) before it fails with a clear message. */
export function waitBudgetOf(options: ConformanceOptions): number {
  return Math.floor(timeoutOf(options) * 0.6);
}

/** Throws unless `store` has every method in `methods`; a group run on its own says what it lacks. */
export function requireMethods<M extends StoreMethod>(
  store: AnyEventStore,
  methods: readonly M[],
): StoreWith<M> {
  for (const method of methods) {
    if (typeof (store as unknown as Record<string, unknown>)[method] !== 'function') {
      throw new Error(`the store under test has no ${method}(); this group needs it`);
    }
  }
  return store as StoreWith<M>;
}

export interface StoreHarness {
  readonly options: ConformanceOptions;
  /** A fresh store from `createStore`, closed and cleaned up after the test. */
  create<M extends StoreMethod = never>(...methods: M[]): Promise<StoreWith<M>>;
  /** A second store on the storage of `store` (the `reopen` hook), closed after the test. */
  reopen<M extends StoreMethod = never>(store: AnyEventStore, ...methods: M[]): Promise<StoreWith<M>>;
}

/**
 * Registers an `afterEach` in the current `describe` that closes every store the test opened and runs
 * `cleanup` on those `createStore` made. Call it once at the top of a group's `describe`.
 */
export function useStores(options: ConformanceOptions): StoreHarness {
  const opened: AnyEventStore[] = [];
  const created: AnyEventStore[] = [];

  afterEach(async () => {
    const toClose = opened.splice(0).reverse();
    const toClean = created.splice(0);
    const failures: unknown[] = [];
    // Closing twice is part of the contract, so a store the test already closed is closed again here.
    for (const store of toClose)
      await Promise.resolve(store.close?.()).catch((error) => failures.push(error));
    for (const store of toClean) {
      await Promise.resolve(options.cleanup?.(store)).catch((error) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  }, timeoutOf(options));

  return {
    options,
    async create(...methods) {
      const store = await options.createStore();
      opened.push(store);
      created.push(store);
      return requireMethods(store, methods);
    },
    async reopen(store, ...methods) {
      if (options.reopen === undefined) throw new Error('this test needs the reopen hook');
      const second = await options.reopen(store);
      opened.push(second);
      return requireMethods(second, methods);
    },
  };
}

/** The `describe` title of a group: a stable identifier. */
export function groupTitle(options: ConformanceOptions, group: string): string {
  return `aether conformance: ${options.name} / ${group}`;
}
