import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { isNotFound } from '../api/api-error.ts';
import { effectsQuery, eventQuery } from '../api/queries.ts';
import type { RecordedEventJson } from '../api/wire-types.ts';
import { EventLinkCard } from '../components/event-link-card.tsx';
import { JsonView } from '../components/json-view.tsx';
import { MetadataLinks } from '../components/metadata-chips.tsx';
import { ErrorState, Loading, NotFoundState } from '../components/states.tsx';
import { formatTimestamp } from '../lib/format.ts';

const route = getRouteApi('/events/$eventId');

export function EventDetailView() {
  const { eventId } = route.useParams();
  const query = useQuery(eventQuery(eventId));
  if (query.isPending) return <Loading label="Loading event…" />;
  if (query.isError) {
    if (isNotFound(query.error)) {
      return (
        <NotFoundState title="Unknown event">
          <p>
            No stored event has the id <code className="break">{eventId}</code>.
          </p>
        </NotFoundState>
      );
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const event = query.data;
  // `causedBy` makes the root of a chain its own correlation id, so that is where its children are.
  const correlationId = event.metadata?.correlationId ?? event.id;

  return (
    <article className="view" aria-labelledby="event-title">
      <header className="view-header">
        <div>
          <p className="eyebrow">Event</p>
          <h1 id="event-title" className="break">
            {event.eventType}
          </h1>
          <p className="muted break">
            <Link to="/actors/$actorId" params={{ actorId: event.actorId }} search={{ v: event.version }}>
              {event.actorId}
            </Link>{' '}
            · version {event.version}
          </p>
        </div>
        <div className="panel-actions">
          <Link
            to="/actors/$actorId"
            params={{ actorId: event.actorId }}
            search={{ v: event.version }}
            className="button"
          >
            Show in stream
          </Link>
          <Link
            to="/traces/$correlationId"
            params={{ correlationId }}
            search={{ event: event.id }}
            className="button"
          >
            View trace
          </Link>
        </div>
      </header>
      <div className="detail-layout">
        <section className="panel" aria-labelledby="fields-title">
          <h2 id="fields-title">Fields</h2>
          <dl className="fields">
            <Field name="id" value={event.id} />
            <Field name="eventType" value={event.eventType} />
            <Field name="actorId" value={event.actorId} />
            <Field name="version" value={String(event.version)} />
            <Field name="position" value={String(event.position)} />
            <div>
              <dt>timestamp</dt>
              <dd>
                <time dateTime={event.timestamp} title={event.timestamp}>
                  {formatTimestamp(event.timestamp)}
                </time>{' '}
                <span className="muted mono">({event.timestamp})</span>
              </dd>
            </div>
            <Field name="commandId" value={event.commandId ?? '—'} />
          </dl>
          <h3>Metadata</h3>
          <MetadataLinks metadata={event.metadata} eventId={event.id} />
          <h3>Data</h3>
          <JsonView value={event.data} label="Event data" />
        </section>
        <aside className="panel" aria-label="Causation">
          <CauseSection event={event} />
          <EffectsSection event={event} correlationId={correlationId} />
        </aside>
      </div>
    </article>
  );
}

function Field({ name, value }: { name: string; value: string }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd className="mono break">{value}</dd>
    </div>
  );
}

function CauseSection({ event }: { event: RecordedEventJson }) {
  const causationId = event.metadata?.causationId;
  const parent = useQuery({ ...eventQuery(causationId ?? ''), enabled: causationId !== undefined });
  return (
    <section aria-labelledby="cause-title" data-testid="causation-parent">
      <h2 id="cause-title">Caused by</h2>
      {causationId === undefined ? (
        <p className="muted">No causation id: this event started its chain.</p>
      ) : parent.isPending ? (
        <Loading label="Loading the cause…" />
      ) : parent.isError ? (
        isNotFound(parent.error) ? (
          <p className="muted">
            The cause <code className="break">{causationId}</code> is not a stored event (a command or an
            outside message).
          </p>
        ) : (
          <ErrorState
            error={parent.error}
            onRetry={() => void parent.refetch()}
            title="The cause failed to load"
          />
        )
      ) : (
        <EventLinkCard event={parent.data} />
      )}
    </section>
  );
}

/**
 * The events this one caused, from the API's causation index: every one of them, whatever its
 * correlation id and however long the trace, a page at a time.
 */
function EffectsSection({ event, correlationId }: { event: RecordedEventJson; correlationId: string }) {
  const effects = useInfiniteQuery(effectsQuery(event.id));
  const children = effects.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section aria-labelledby="effects-title" data-testid="causation-children">
      <h2 id="effects-title">Caused</h2>
      {effects.isPending ? (
        <Loading label="Loading the events it caused…" />
      ) : effects.isError && children.length === 0 ? (
        <ErrorState
          error={effects.error}
          onRetry={() => void effects.refetch()}
          title="Its effects failed to load"
        />
      ) : children.length === 0 ? (
        <p className="muted">No stored event names this one as its cause.</p>
      ) : (
        <ul className="card-list" aria-label="Events it caused">
          {children.map((child) => {
            const childCorrelation = child.metadata?.correlationId;
            return (
              <li key={child.id}>
                <EventLinkCard event={child} />
                {childCorrelation !== undefined && childCorrelation !== correlationId && (
                  <p className="card-note muted">
                    in another trace:{' '}
                    <Link
                      to="/traces/$correlationId"
                      params={{ correlationId: childCorrelation }}
                      search={{ event: child.id }}
                      className="mono break"
                    >
                      {childCorrelation}
                    </Link>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {effects.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={effects.isFetchingNextPage}
          onClick={() => void effects.fetchNextPage()}
        >
          {effects.isFetchingNextPage ? 'Loading…' : `Load more (${children.length} shown)`}
        </button>
      )}
      {effects.isError && children.length > 0 && (
        <ErrorState
          error={effects.error}
          onRetry={() => void effects.fetchNextPage()}
          title="More effects failed to load"
        />
      )}
    </section>
  );
}
