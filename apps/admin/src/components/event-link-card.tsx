import { Link } from '@tanstack/react-router';
import type { RecordedEventJson } from '../api/wire-types.ts';
import { formatTimestamp } from '../lib/format.ts';

/** One event as a compact link: type, actor and version, time. */
export function EventLinkCard({ event }: { event: RecordedEventJson }) {
  return (
    <Link to="/events/$eventId" params={{ eventId: event.id }} className="event-card">
      <span className="event-type">{event.eventType}</span>
      <span className="mono muted ellipsis">
        {event.actorId} · v{event.version}
      </span>
      <time dateTime={event.timestamp} className="muted">
        {formatTimestamp(event.timestamp)}
      </time>
    </Link>
  );
}
