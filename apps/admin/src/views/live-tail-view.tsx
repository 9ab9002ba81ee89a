import { getRouteApi, Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { MetadataChips } from '../components/metadata-chips.tsx';
import { TAIL_KEEP, type TailStatus, useLiveTail } from '../components/use-live-tail.ts';
import { formatCount, formatTimestamp } from '../lib/format.ts';

const route = getRouteApi('/live');

const splitTypes = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
const ROW_HEIGHT = 52;

/** `1,204 received of type A; showing the newest 1,000.`, or that nothing came yet. */
function receivedText(received: number, shown: number, types: readonly string[]): string {
  const ofType = types.length > 0 ? ` of type ${types.join(', ')}` : '';
  if (received === 0) return `Nothing received${ofType} yet.`;
  const showing = Math.min(shown, TAIL_KEEP);
  return showing < received
    ? `${formatCount(received)} received${ofType}; showing the newest ${formatCount(showing)}.`
    : `${formatCount(received)} received${ofType}.`;
}

const STATUS_TEXT: Record<TailStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  paused: 'Paused',
};

export function LiveTailView() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const types = useMemo(() => splitTypes(search.type ?? ''), [search.type]);
  const [paused, setPaused] = useState(false);
  const tail = useLiveTail({ types, paused, startAfter: search.after });
  const [filterText, setFilterText] = useState(types.join(', '));
  const typesText = types.join(', ');
  useEffect(() => setFilterText(typesText), [typesText]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tail.events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => tail.events[index]?.position ?? index,
  });

  const applyFilter = (text: string) => {
    const list = splitTypes(text);
    void navigate({ search: (prev) => ({ ...prev, type: list.length > 0 ? list.join(',') : undefined }) });
  };

  return (
    <section className="view" aria-labelledby="live-title">
      <header className="view-header">
        <div>
          <h1 id="live-title">Live tail</h1>
          <p className="muted">The global log as it is written, newest first.</p>
        </div>
        <div className="tail-controls">
          <span className={`badge tail-status tail-${tail.status}`} role="status" data-status={tail.status}>
            {STATUS_TEXT[tail.status]}
          </span>
          <button
            type="button"
            className="button"
            aria-pressed={paused}
            onClick={() => setPaused((value) => !value)}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button button-ghost" onClick={tail.clear}>
            Clear
          </button>
        </div>
      </header>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          applyFilter(filterText);
        }}
      >
        <label htmlFor="tail-types">Event types</label>
        <input
          id="tail-types"
          type="text"
          value={filterText}
          placeholder="all types; e.g. OrderPlaced, OrderPaid"
          onChange={(event) => setFilterText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button">
          Filter
        </button>
        {types.length > 0 && (
          <button type="button" className="button button-ghost" onClick={() => applyFilter('')}>
            Show all types
          </button>
        )}
      </form>
      <p className="muted tail-info" aria-live="polite">
        {paused
          ? `Paused after position ${tail.cursor ?? 0}; resuming catches up from there.`
          : tail.status === 'reconnecting'
            ? `${tail.problem ?? 'Connection lost.'} Retrying; the tail resumes after position ${tail.cursor ?? 0}.`
            : receivedText(tail.received, tail.events.length, types)}
      </p>
      {tail.events.length === 0 ? (
        <p className="hint" data-testid="tail-empty">
          {tail.status === 'live' ? 'Waiting for new events…' : 'No events yet.'}
        </p>
      ) : (
        <div ref={scroller} className="scroller" data-testid="tail-list">
          <ol
            className="virtual-list"
            style={{ height: virtualizer.getTotalSize() }}
            aria-label="Newest events"
          >
            {virtualizer.getVirtualItems().map((item) => {
              const event = tail.events[item.index];
              if (!event) return null;
              return (
                <li
                  key={event.position}
                  className="row tail-row"
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  data-position={event.position}
                >
                  <span className="mono muted">#{event.position}</span>
                  <time dateTime={event.timestamp} className="muted">
                    {formatTimestamp(event.timestamp)}
                  </time>
                  <Link to="/events/$eventId" params={{ eventId: event.id }} className="event-type ellipsis">
                    {event.eventType}
                  </Link>
                  <Link
                    to="/actors/$actorId"
                    params={{ actorId: event.actorId }}
                    search={{ v: event.version }}
                    className="mono ellipsis"
                  >
                    {event.actorId} · v{event.version}
                  </Link>
                  <MetadataChips metadata={event.metadata} />
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </section>
  );
}
