import type { AnyEventStore } from '../types.ts';

/** Identifies one stored event for the `corrupt` hook. */
export interface CorruptTarget {
  actorId: string;
  version: number;
  id: string;
  position: number;
}

/** How the suite reaches the store under test. */
export interface ConformanceOptions<S extends AnyEventStore = AnyEventStore> {
  /** Shown in test names: `aether conformance: <name>`. */
  name: string;
  /** A fresh, empty, isolated store on each call (the suite checks that). */
  createStore: () => S | Promise<S>;
  /**
   * Runs after each test, once for each store `createStore` made in it, after the suite has closed
   * every store of the test (reopened ones included) with `close()` when the store has one.
   */
  cleanup?: (store: S) => void | Promise<void>;
  /**
   * A second store on the same storage as `store` (another connection or process). The suite calls it
   * both while `store` is open (cross-instance races, subscriptions) and after `store.close()`
   * (durability), so it must not use the store itself, only what it knows about its storage.
   */
  reopen?: (store: S) => S | Promise<S>;
  /** Damages the stored record of one event so that it can no longer be decoded. */
  corrupt?: (store: S, target: CorruptTarget) => void | Promise<void>;
  /** The store's `maxEventBytes`, when it is not the default 1 MiB. */
  maxEventBytes?: number;
  /** Per-test timeout in ms for slow backends; default 20 000. Waits for live events use 60% of it. */
  timeoutMs?: number;
  /** Seed of the property tests; default `AETHER_SEED` from the environment, else a fixed constant. */
  seed?: number;
}
