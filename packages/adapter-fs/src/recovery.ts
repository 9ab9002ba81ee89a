/** A repair or finding made while reading the log; also kept in `store.recovery`. */
export type RecoveryEvent =
  | {
      /** The end of the last segment held an incomplete or unreadable commit; it was cut off. */
      kind: 'torn-tail-truncated';
      segment: number;
      /** Byte offset the segment was truncated to. */
      offset: number;
      /** Bytes removed. */
      bytes: number;
      reason: string;
    }
  | {
      /** Unreadable bytes in the middle of the log, followed by valid frames: skipped, never served. */
      kind: 'damaged-region';
      segment: number;
      offset: number;
      bytes: number;
      reason: string;
    }
  | {
      /** A segment file whose header was incomplete (its creator died) was rewritten. */
      kind: 'segment-header-repaired';
      segment: number;
    }
  | {
      /** The write lock of a process that no longer runs was removed. */
      kind: 'stale-lock-broken';
      pid: number | null;
      reason: string;
    };

export interface RecoveryReport {
  /** Everything this store repaired or found since it was opened, oldest first. */
  readonly events: readonly RecoveryEvent[];
}
