import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type CSSProperties, type Ref, useEffect, useMemo, useRef } from 'react';
import { isNotFound } from '../api/api-error.ts';
import { traceQuery } from '../api/queries.ts';
import { JsonView } from '../components/json-view.tsx';
import { MetadataLinks } from '../components/metadata-chips.tsx';
import { ErrorState, Loading, NotFoundState } from '../components/states.tsx';
import { actorKindHue } from '../lib/actor-hue.ts';
import { formatDuration, formatTimestamp } from '../lib/format.ts';
import { layoutWaterfall, type WaterfallRow } from '../lib/waterfall.ts';

const route = getRouteApi('/traces/$correlationId');
const TICKS = [0, 0.25, 0.5, 0.75, 1];

export function TraceView() {
  const { correlationId } = route.useParams();
  const { event: selectedId } = route.useSearch();
  const query = useQuery(traceQuery(correlationId));
  const layout = useMemo(() => (query.data ? layoutWaterfall(query.data) : undefined), [query.data]);
  const selectedRow = useRef<HTMLLIElement>(null);

  useEffect(() => {
    if (layout && selectedId) selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [layout, selectedId]);

  if (query.isPending) return <Loading label="Loading trace…" />;
  const notFound =
    (query.isError && isNotFound(query.error)) || (query.data && query.data.events.length === 0);
  if (notFound) {
    return (
      <NotFoundState title="Unknown trace">
        <p>
          No stored event carries the correlation id <code className="break">{correlationId}</code>.
        </p>
      </NotFoundState>
    );
  }
  if (query.isError || !layout)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const trace = query.data;
  const selected = layout.rows.find((row) => row.event.id === selectedId);
  const span = Math.max(layout.durationMs, 1);

  return (
    <section className="view" aria-labelledby="trace-title">
      <header className="view-header">
        <div>
          <p className="eyebrow">Trace</p>
          <h1 id="trace-title" className="mono break">
            {correlationId}
          </h1>
        </div>
        <dl className="stats">
          <div>
            <dt>Events</dt>
            <dd>{layout.rows.length}</dd>
          </div>
          <div>
            <dt>Actors</dt>
            <dd>{layout.actors.length}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(layout.durationMs)}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatTimestamp(new Date(layout.startMs).toISOString())}</dd>
          </div>
        </dl>
      </header>
      {trace?.truncated && (
        <p className="notice" role="status">
          This trace has more than {trace.limit} events; only the first {trace.limit} are shown.
        </p>
      )}
      {selectedId && !selected && (
        <p className="notice" role="status">
          Event <code>{selectedId}</code> is not part of this trace.
        </p>
      )}
      <ul className="legend" aria-label="Actors in this trace">
        {layout.actors.map((actorId) => (
          <li key={actorId} style={{ '--hue': actorKindHue(actorId) } as CSSProperties}>
            <span className="swatch" aria-hidden="true" />
            <Link to="/actors/$actorId" params={{ actorId }} className="mono">
              {actorId}
            </Link>
          </li>
        ))}
      </ul>
      <div className="waterfall" data-testid="waterfall">
        <div className="waterfall-axis" aria-hidden="true">
          <span className="waterfall-label-col">Event (causation order)</span>
          <span className="waterfall-track">
            {TICKS.map((tick) => (
              <span key={tick} className="tick" style={{ left: `${tick * 100}%` }}>
                {formatDuration(tick * layout.durationMs)}
              </span>
            ))}
          </span>
          <span className="waterfall-time">offset</span>
        </div>
        <ol aria-label="Trace events on a timeline">
          {layout.rows.map((row) => (
            <WaterfallItem
              key={row.event.id}
              row={row}
              span={span}
              correlationId={correlationId}
              selected={row.event.id === selectedId}
              rowRef={row.event.id === selectedId ? selectedRow : undefined}
            />
          ))}
        </ol>
      </div>
      {selected && <SelectedEvent row={selected} />}
    </section>
  );
}

function WaterfallItem({
  row,
  span,
  correlationId,
  selected,
  rowRef,
}: {
  row: WaterfallRow;
  span: number;
  correlationId: string;
  selected: boolean;
  rowRef: Ref<HTMLLIElement> | undefined;
}) {
  const left = (row.offsetMs / span) * 100;
  const width = Math.max((row.spanMs / span) * 100, 0.8);
  const style = { '--hue': actorKindHue(row.event.actorId), '--depth': row.depth } as CSSProperties;
  return (
    <li
      ref={rowRef}
      className={`waterfall-row${selected ? ' selected' : ''}`}
      style={style}
      data-event-id={row.event.id}
    >
      <Link
        to="/traces/$correlationId"
        params={{ correlationId }}
        search={{ event: row.event.id }}
        replace
        className="waterfall-link"
      >
        <span className="waterfall-label-col">
          <span className="waterfall-indent" aria-hidden="true" />
          <span className="event-type ellipsis">{row.event.eventType}</span>
          <span className="mono muted ellipsis">
            {row.event.actorId} · v{row.event.version}
          </span>
        </span>
        <span className="waterfall-track">
          <span
            className="waterfall-bar"
            style={{ left: `${Math.min(left, 100 - width)}%`, width: `${width}%` }}
            title={`+${formatDuration(row.offsetMs)}${row.spanMs > 0 ? `, effects over ${formatDuration(row.spanMs)}` : ''}`}
          />
        </span>
        <span className="waterfall-time">+{formatDuration(row.offsetMs)}</span>
      </Link>
    </li>
  );
}

function SelectedEvent({ row }: { row: WaterfallRow }) {
  const { event } = row;
  return (
    <article className="panel" aria-labelledby="trace-selected-title" data-testid="trace-selected">
      <header className="panel-header">
        <h2 id="trace-selected-title">
          {event.eventType}{' '}
          <span className="muted mono">
            {event.actorId} · v{event.version}
          </span>
        </h2>
        <div className="panel-actions">
          <Link to="/events/$eventId" params={{ eventId: event.id }} className="button button-small">
            Event detail
          </Link>
          <Link
            to="/actors/$actorId"
            params={{ actorId: event.actorId }}
            search={{ v: event.version }}
            className="button button-small"
          >
            Show in stream
          </Link>
        </div>
      </header>
      <p className="muted">
        <time dateTime={event.timestamp}>{formatTimestamp(event.timestamp)}</time> · {row.childCount} direct
        effect
        {row.childCount === 1 ? '' : 's'}
      </p>
      <MetadataLinks metadata={event.metadata} eventId={event.id} />
      <JsonView value={event.data} label="Event data" />
    </article>
  );
}
