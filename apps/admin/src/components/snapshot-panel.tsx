import { useQuery } from '@tanstack/react-query';
import { snapshotQuery } from '../api/queries.ts';
import { formatTimestamp } from '../lib/format.ts';
import { JsonView } from './json-view.tsx';
import { ErrorState, Loading } from './states.tsx';

export function SnapshotPanel({ actorId }: { actorId: string }) {
  const snapshot = useQuery(snapshotQuery(actorId));
  return (
    <section className="panel" aria-labelledby="snapshot-title" data-testid="snapshot-panel">
      <h2 id="snapshot-title">Latest snapshot</h2>
      {snapshot.isPending ? (
        <Loading label="Loading snapshot…" />
      ) : snapshot.isError ? (
        <ErrorState
          error={snapshot.error}
          onRetry={() => void snapshot.refetch()}
          title="The snapshot failed to load"
        />
      ) : snapshot.data === null ? (
        <p className="muted">This actor has no snapshot.</p>
      ) : (
        <details>
          <summary>
            Version <span className="mono">{snapshot.data.version}</span>, taken{' '}
            <time dateTime={snapshot.data.timestamp}>{formatTimestamp(snapshot.data.timestamp)}</time>
          </summary>
          <JsonView value={snapshot.data.state} label={`Snapshot state at v${snapshot.data.version}`} />
        </details>
      )}
    </section>
  );
}
