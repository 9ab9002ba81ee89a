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
  /** Runs after each test with the stores it created (the suite calls `close()` itself when present). */
  cleanup?: (store: S) => void | Promise<void>;
  /** A second store on the same storage as `store` (a reopen after close, or another connection/process). */
  reopen?: (store: S) => S | Promise<S>;
  /** Damages the stored record of one event so that it can no longer be decoded. */
  corrupt?: (store: S, target: CorruptTarget) => void | Promise<void>;
  /** The store's `maxEventBytes`, when it is not the default 1 MiB. */
  maxEventBytes?: number;
  /** Per-test timeout in ms for slow backends; default 20 000. */
  timeoutMs?: number;
}
