import { useQuery } from '@tanstack/react-query';
import { healthQuery } from '../api/queries.ts';

/** The API's state in the header: store kind and whether writes are on, or that it is down. */
export function HealthBadge() {
  const health = useQuery(healthQuery());
  if (health.isPending) return <span className="badge">Connecting…</span>;
  if (health.isError) {
    return (
      <span className="badge badge-error" role="status" data-health="down">
        API unreachable
      </span>
    );
  }
  return (
    <span className="badge badge-ok" role="status" data-health="ok" title={`store: ${health.data.store}`}>
      {health.data.store} · {health.data.writable ? 'writable' : 'read-only'}
    </span>
  );
}
