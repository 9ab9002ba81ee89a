/** Which side of a comparison a contender is on. */
export type Role = 'ours' | 'floor' | 'peer';

export type Backend = 'postgres' | 'fs' | 'memory' | 'api';

/** What one timed sample did: units of work (events, or calls) and how long each operation took. */
export interface Sample {
  events: number;
  elapsedMs: number;
  /** Per-operation latencies in ms (an append, a batch, a read, an HTTP request). */
  latenciesMs: number[];
  /** Percentiles measured by a tool of its own (autocannon), used instead of `latenciesMs`. */
  percentilesMs?: { p50: number; p99: number };
}

/** Some implementation of a scenario, timed side by side with the others of its scenario. */
export interface Contender {
  subject: string;
  role: Role;
  /** Fresh storage (schema, directory, store) and any seed data; not timed. */
  setup(): Promise<void>;
  /** Works for about `durationMs` and reports what it did. */
  sample(durationMs: number): Promise<Sample>;
  teardown(): Promise<void>;
}

/** A ratio the product promises: `ours / reference` must be at least `min`. */
export interface Target {
  ours: string;
  reference: string;
  min: number;
  /** What the target says, for the output: "sequential appends >= 0.85x plain INSERT". */
  label: string;
}

export interface Scenario {
  id: string;
  backend: Backend;
  title: string;
  /** What the rate counts: 'events' (default) or 'calls' (getLatestVersion). */
  unit?: 'events' | 'calls';
  contenders: Contender[];
  targets: Target[];
}

/** One line of `bench/results/latest.json`. */
export interface ResultRow {
  scenario: string;
  backend: Backend;
  subject: string;
  eventsPerSecond: number;
  p50Ms?: number;
  p99Ms?: number;
}

export interface TargetOutcome {
  scenario: string;
  backend: Backend;
  target: Target;
  ratio: number;
  passed: boolean;
  /** How many times the pair was measured again because the first ratio was within noise of the target. */
  repeats: number;
}
