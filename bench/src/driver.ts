/**
 * What one subject (our adapter, a raw floor, a peer library) can do on fresh storage of its own.
 * A scenario uses the operations it needs; a subject without one is not in that scenario.
 */
export interface Driver {
  /** Writes one event at the version given (client-assigned, the `saveEvent` shape). */
  append?(actorId: string, version: number): Promise<void>;
  /** Appends one event, the store assigning the version, with an optimistic check: the actor is at `expectedVersion`. */
  appendExpected?(actorId: string, expectedVersion: number): Promise<void>;
  /** Writes `count` events of one actor atomically, versions from `firstVersion`. */
  appendBatch?(actorId: string, firstVersion: number, count: number): Promise<void>;
  /** Reads the actor's whole stream; resolves with the number of events read. */
  readStream?(actorId: string): Promise<number>;
  latestVersion?(actorId: string): Promise<number>;
  /** Reads the whole global log in pages of `pageSize` (where the subject pages); resolves with the events read. */
  readAll?(pageSize: number): Promise<number>;
  /** Writes `count` events for the actor as fast as the subject allows: untimed set-up. */
  seed(actorId: string, count: number): Promise<void>;
  /** Closes the subject and removes its storage. */
  close(): Promise<void>;
}

export type OpenDriver = () => Promise<Driver>;

/** The operation or a clear error naming the subject that lacks it. */
export function need<K extends keyof Driver>(
  driver: Driver,
  key: K,
  subject: string,
): NonNullable<Driver[K]> {
  const operation = driver[key];
  if (operation === undefined) throw new Error(`${subject} cannot ${key}`);
  return (operation as (...args: never[]) => unknown).bind(driver) as NonNullable<Driver[K]>;
}
