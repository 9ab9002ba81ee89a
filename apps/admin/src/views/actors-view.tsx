import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { actorsQuery } from '../api/queries.ts';
import type { ActorSummary } from '../api/wire-types.ts';
import { EmptyState, ErrorState, Loading } from '../components/states.tsx';
import { type NextPage, useLoadMoreNearEnd } from '../components/use-load-more.ts';
import { formatAgo, formatCount, formatTimestamp } from '../lib/format.ts';

const route = getRouteApi('/actors');
const ROW_HEIGHT = 44;

export function ActorsView() {
  const { prefix = '' } = route.useSearch();
  const navigate = route.useNavigate();
  const [draft, setDraft] = useState(prefix);

  // Typing narrows the list after a short pause; the prefix lives in the URL so the view can be linked.
  useEffect(() => {
    if (draft === prefix) return;
    const timer = setTimeout(() => {
      void navigate({ search: { prefix: draft || undefined }, replace: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [draft, prefix, navigate]);

  const query = useInfiniteQuery(actorsQuery(prefix));
  const actors = query.data?.pages.flatMap((page) => page.actors) ?? [];

  return (
    <section className="view" aria-labelledby="actors-title">
      <header className="view-header">
        <h1 id="actors-title">Actors</h1>
        <form className="inline-form" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor="actor-prefix">Actor id starts with</label>
          <input
            id="actor-prefix"
            type="search"
            value={draft}
            placeholder="e.g. order-"
            onChange={(event) => setDraft(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </form>
      </header>
      {query.isPending ? (
        <Loading label="Loading actors…" />
      ) : query.isError && actors.length === 0 ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : actors.length === 0 ? (
        prefix ? (
          <EmptyState title="No matching actors">
            <p>
              No actor id starts with <code>{prefix}</code>.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title="This store has no events yet">
            <p>
              Actors appear here as soon as events are saved. To explore the console with demo data, run{' '}
              <code>aether seed</code> against this store.
            </p>
          </EmptyState>
        )
      ) : (
        <ActorList actors={actors} query={query} />
      )}
    </section>
  );
}

function ActorList({ actors, query }: { actors: ActorSummary[]; query: NextPage & { isError: boolean } }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: actors.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  useLoadMoreNearEnd(virtualizer, actors.length, query);
  const now = Date.now();

  return (
    <>
      <div className="list-head actor-grid" aria-hidden="true">
        <span>Actor id</span>
        <span className="num">Latest version</span>
        <span className="num">Events</span>
        <span>Last activity</span>
        <span>Last event type</span>
      </div>
      <div ref={scroller} className="scroller" data-testid="actor-list">
        <ul className="virtual-list" style={{ height: virtualizer.getTotalSize() }} aria-label="Actors">
          {virtualizer.getVirtualItems().map((item) => {
            const actor = actors[item.index];
            if (!actor) return null;
            return (
              <li
                key={actor.actorId}
                className="row actor-grid"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                data-actor-id={actor.actorId}
              >
                <Link to="/actors/$actorId" params={{ actorId: actor.actorId }} className="mono ellipsis">
                  {actor.actorId}
                </Link>
                <span className="num" title="Latest version">
                  v{formatCount(actor.latestVersion)}
                </span>
                <span className="num" title="Events">
                  {formatCount(actor.eventCount)}
                </span>
                <span title={formatTimestamp(actor.lastEventAt)}>{formatAgo(actor.lastEventAt, now)}</span>
                <span className="ellipsis">{actor.lastEventType}</span>
              </li>
            );
          })}
        </ul>
      </div>
      <footer className="list-foot" aria-live="polite">
        <span>
          {formatCount(actors.length)} actor{actors.length === 1 ? '' : 's'}
          {query.hasNextPage ? ' loaded, more available' : ''}
        </span>
        {query.isError && <span className="error-text">Loading more failed.</span>}
        {query.hasNextPage && (
          <button
            type="button"
            className="button"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Load more actors'}
          </button>
        )}
      </footer>
    </>
  );
}
