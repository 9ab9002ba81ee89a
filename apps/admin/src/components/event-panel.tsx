import { Link } from '@tanstack/react-router';
import type { RecordedEventJson } from '../api/wire-types.ts';
import { formatTimestamp } from '../lib/format.ts';
import { JsonDiffView } from './json-diff-view.tsx';
import { JsonView } from './json-view.tsx';
import { MetadataLinks } from './metadata-chips.tsx';

/** The selected event of a stream: fields, metadata links, data, and the change from the one before. */
export function EventPanel({
  event,
  previous,
}: {
  event: RecordedEventJson;
  previous: RecordedEventJson | undefined;
}) {
  const correlationId = event.metadata?.correlationId;
  return (
    <article className="panel" aria-labelledby="event-panel-title" data-testid="event-panel">
      <header className="panel-header">
        <h2 id="event-panel-title">
          <span className="version mono">v{event.version}</span> {event.eventType}
        </h2>
        <div className="panel-actions">
          <Link to="/events/$eventId" params={{ eventId: event.id }} className="button button-small">
            Event detail
          </Link>
          {correlationId && (
            <Link
              to="/traces/$correlationId"
              params={{ correlationId }}
              search={{ event: event.id }}
              className="button button-small"
            >
              View trace
            </Link>
          )}
        </div>
      </header>
      <dl className="fields">
        <div>
          <dt>Event id</dt>
          <dd className="mono break">{event.id}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>
            <time dateTime={event.timestamp}>{formatTimestamp(event.timestamp)}</time>
          </dd>
        </div>
        <div>
          <dt>Position</dt>
          <dd className="mono">{event.position}</dd>
        </div>
        {event.commandId !== undefined && (
          <div>
            <dt>Command id</dt>
            <dd className="mono break">{event.commandId}</dd>
          </div>
        )}
      </dl>
      <h3>Metadata</h3>
      <MetadataLinks metadata={event.metadata} eventId={event.id} />
      <h3>Data</h3>
      <JsonView value={event.data} label={`Data of v${event.version}`} />
      <h3>{previous ? `Change from v${previous.version}` : 'Change from the previous event'}</h3>
      {previous && previous.eventType !== event.eventType && (
        <p className="muted" data-testid="diff-type-note">
          v{previous.version} is of another type, <span className="event-type">{previous.eventType}</span>:
          fields only it carries show as removed, fields only this event carries as added.
        </p>
      )}
      {previous ? (
        <JsonDiffView before={previous.data} after={event.data} label={`Change from v${previous.version}`} />
      ) : (
        <p className="muted">This is the first event of the actor.</p>
      )}
    </article>
  );
}
