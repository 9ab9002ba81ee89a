import { type ActorSnapshot, checkSnapshotVersion } from '@aether/core';
import type { RunQuery } from './query-runner.ts';
import { decodeSnapshotRow } from './rows.ts';
import type { buildStatements } from './statements.ts';

type Statements = ReturnType<typeof buildStatements>;

export function createSnapshotAccess(run: RunQuery, statements: Statements) {
  return {
    async latest(actorId: string): Promise<ActorSnapshot | null> {
      const [row] = await run(statements.latestSnapshot, [actorId]);
      return row === undefined ? null : decodeSnapshotRow(row);
    },

    /** One statement: stores (or replaces) the snapshot only if the actor has reached its version. */
    async save(snapshot: ActorSnapshot): Promise<void> {
      const [row] = await run(statements.saveSnapshot, [
        snapshot.actorId,
        snapshot.version,
        JSON.stringify(snapshot.state),
        snapshot.timestamp.toISOString(),
      ]);
      if (Number(row?.[1]) === 0) checkSnapshotVersion(snapshot, Number(row?.[0] ?? 0));
    },
  };
}
