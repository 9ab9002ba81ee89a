import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { isNotFound } from '../api/api-error.ts';
import { actorEventsQuery, actorQuery } from '../api/queries.ts';
import type { RecordedEventJson } from '../api/wire-types.ts';
import { EventPanel } from '../components/event-panel.tsx';
import { MetadataChips } from '../components/metadata-chips.tsx';
import { SnapshotPanel } from '../components/snapshot-panel.tsx';
import { ErrorState, Loading, NotFoundState } from '../components/states.tsx';
import { useLoadMoreNearEnd } from '../components/use-load-more.ts';
import { formatCount, formatTimestamp } from '../lib/format.ts';

const route = getRouteApi('/actors/$actorId');
const ROW_HEIGHT = 56;

export function ActorStreamView() {
  const { actorId } = route.useParams();
  const summary = useQuery(actorQuery(actorId));

  if (summary.isPending) return <Loading label="Loading actor…" />;
  if (summary.isError) {
    if (isNotFound(summary.error)) {
      return (
        <NotFoundState title="Unknown actor">
          <p>
            No events are stored for actor <code className="break">{actorId}</code>.
          </p>
          <p>
            <Link to="/actors" search={{ prefix: actorId.slice(0, 3) || undefined }}>
              Browse actors
            </Link>
          </p>
        </NotFoundState>
      );
    }
    return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  }

  const actor = summary.data;
  return (
    <section className="view" aria-labelledby="actor-title">
      <header className="view-header">
        <div>
          <p className="eyebrow">Actor</p>
          <h1 id="actor-title" className="mono break">
            {actor.actorId}
          </h1>
        </div>
        <dl className="stats">
          <div>
            <dt>Latest version</dt>
            <dd>{formatCount(actor.latestVersion)}</dd>
          </div>
          <div>
            <dt>Events</dt>
            <dd>{formatCount(actor.eventCount)}</dd>
          </div>
          <div>
            <dt>First event</dt>
            <dd>{formatTimestamp(actor.firstEventAt)}</dd>
          </div>
          <div>
            <dt>Last event</dt>
            <dd>{formatTimestamp(actor.lastEventAt)}</dd>
          </div>
        </dl>
      </header>
      <Stream actorId={actor.actorId} eventCount={actor.eventCount} latestVersion={actor.latestVersion} />
    </section>
  );
}

function Stream({
  actorId,
  eventCount,
  latestVersion,
}: {
  actorId: string;
  eventCount: number;
  latestVersion: number;
}) {
  const { v: wanted } = route.useSearch();
  const navigate = route.useNavigate();
  const query = useInfiniteQuery(actorEventsQuery(actorId));
  const pages = query.data?.pages;
  // Pages are read by `from`; drop any overlap so each version shows once.
  const events = useMemo(() => {
    const all: RecordedEventJson[] = [];
    for (const page of pages ?? []) {
      for (const event of page.events) {
        const last = all.at(-1);
        if (last === undefined || event.version > last.version) all.push(event);
      }
    }
    return all;
  }, [pages]);
  const replayErrors = useMemo(() => (pages ?? []).flatMap((page) => page.errors), [pages]);

  // Jump to a version: load pages until it (or the next stored version: gaps are allowed) is in.
  const target = wanted === undefined ? -1 : events.findIndex((event) => event.version >= wanted);
  const loadedTo = events.at(-1)?.version ?? 0;
  const searching = wanted !== undefined && target === -1 && query.hasNextPage;

  const scroller = useRef<HTMLElement>(null);
  const focusAfterMove = useRef(false);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The selected row stays mounted while scrolled out of view, so keyboard focus on it is never
    // dropped to <body> when the window moves.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (target >= 0 && !indexes.includes(target)) indexes.push(target);
      return indexes.sort((a, b) => a - b);
    },
  });
  useLoadMoreNearEnd(virtualizer, events.length, query);

  useEffect(() => {
    if (searching && !query.isFetchingNextPage && !query.isError) void query.fetchNextPage();
  }, [searching, query.isFetchingNextPage, query.isError, query.fetchNextPage]);

  const selected = target >= 0 ? events[target] : undefined;
  useEffect(() => {
    if (target < 0) return;
    const byKeyboard = focusAfterMove.current;
    focusAfterMove.current = false;
    // The row is rendered (see rangeExtractor): focus it without letting the browser scroll, then
    // scroll the list as little as needed for a key press, or to the middle for a jump or a deep link.
    if (byKeyboard) {
      scroller.current
        ?.querySelector<HTMLElement>(`[data-index="${target}"] a`)
        ?.focus({ preventScroll: true });
    }
    virtualizer.scrollToIndex(target, { align: byKeyboard ? 'auto' : 'center' });
  }, [target, virtualizer]);

  const select = (index: number) => {
    const event = events[Math.max(0, Math.min(events.length - 1, index))];
    if (event) void navigate({ search: { v: event.version }, replace: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(
      1,
      Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1,
    );
    const current = target >= 0 ? target : -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: events.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusAfterMove.current = true;
    select(next);
  };

  if (query.isPending) return <Loading label="Loading events…" />;
  if (query.isError && events.length === 0) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }

  const previous = target > 0 ? events[target - 1] : undefined;
  const beyondEnd = wanted !== undefined && target === -1 && !query.hasNextPage;

  return (
    <div className="stream-layout">
      <div className="stream-list">
        <JumpForm
          latestVersion={latestVersion}
          onJump={(version) => void navigate({ search: { v: version } })}
        />
        {searching && (
          <p className="notice" role="status">
            Loading up to version {formatCount(wanted ?? 0)}… (loaded to v{formatCount(loadedTo)})
          </p>
        )}
        {beyondEnd && (
          <p className="notice" role="status">
            There is no version {formatCount(wanted ?? 0)}: the latest is v{formatCount(loadedTo)}.
          </p>
        )}
        {selected && wanted !== undefined && selected.version !== wanted && (
          <p className="notice" role="status">
            No version {formatCount(wanted)} is stored (versions may have gaps); showing v
            {formatCount(selected.version)}.
          </p>
        )}
        {replayErrors.length > 0 && (
          <div className="notice notice-error" role="alert">
            {replayErrors.length} stored record{replayErrors.length === 1 ? '' : 's'} of this actor could not
            be decoded:
            <ul>
              {replayErrors.map((error) => (
                <li key={`${error.position}:${error.message}`}>
                  position {error.position ?? 'unknown'}: {error.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <section
          ref={scroller}
          className="scroller"
          data-testid="event-list"
          onKeyDown={onKeyDown}
          aria-label="Events by version; arrow keys, Page Up/Down, Home and End move the selection"
        >
          <ol className="virtual-list" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const event = events[item.index];
              if (!event) return null;
              const isSelected = item.index === target;
              return (
                <li
                  key={event.id}
                  data-index={item.index}
                  data-version={event.version}
                  className={`row event-row${isSelected ? ' selected' : ''}`}
                  style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                >
                  <Link
                    to="/actors/$actorId"
                    params={{ actorId }}
                    search={{ v: event.version }}
                    replace
                    className="event-row-link"
                  >
                    <span className="event-row-top">
                      <span className="version mono">v{event.version}</span>
                      <span className="event-type ellipsis">{event.eventType}</span>
                      <time dateTime={event.timestamp} className="muted">
                        {formatTimestamp(event.timestamp)}
                      </time>
                    </span>
                    <MetadataChips metadata={event.metadata} />
                  </Link>
                </li>
              );
            })}
          </ol>
        </section>
        <footer className="list-foot" aria-live="polite">
          {query.hasNextPage ? (
            <>
              <span data-testid="stream-progress">
                Loaded {formatCount(events.length)} of {formatCount(eventCount)} events
              </span>
              <button
                type="button"
                className="button"
                disabled={query.isFetchingNextPage}
                onClick={() => void query.fetchNextPage()}
              >
                {query.isFetchingNextPage ? 'Loading…' : 'Load more events'}
              </button>
            </>
          ) : (
            <span data-testid="end-of-stream">End of stream · {formatCount(events.length)} events</span>
          )}
          {query.isError && <span className="error-text">Loading more failed.</span>}
        </footer>
      </div>
      <div className="stream-detail">
        {selected ? (
          <EventPanel event={selected} previous={previous} />
        ) : (
          <p className="hint">
            Select an event to see its data, metadata and what changed from the event before it.
          </p>
        )}
        <SnapshotPanel actorId={actorId} />
      </div>
    </div>
  );
}

function JumpForm({ latestVersion, onJump }: { latestVersion: number; onJump: (version: number) => void }) {
  const [text, setText] = useState('');
  const version = Number(text);
  const valid = text !== '' && Number.isSafeInteger(version) && version >= 1;
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onJump(version);
      }}
    >
      <label htmlFor="jump-version">Jump to version</label>
      <input
        id="jump-version"
        type="number"
        min={1}
        step={1}
        inputMode="numeric"
        value={text}
        placeholder={`1 – ${latestVersion}`}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button" disabled={!valid}>
        Go
      </button>
      <button type="button" className="button button-ghost" onClick={() => onJump(latestVersion)}>
        Latest
      </button>
    </form>
  );
}
