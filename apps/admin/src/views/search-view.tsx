import { useQueries } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { isNotFound } from '../api/api-error.ts';
import { actorQuery, eventQuery, traceQuery } from '../api/queries.ts';
import { EmptyState, ErrorState, Loading, NotFoundState } from '../components/states.tsx';
import { resolveSearch } from '../lib/resolve-search.ts';

const route = getRouteApi('/search');

/** Looks the text up as an actor id, an event id and a correlation id at once, then opens the match. */
export function SearchView() {
  const { q } = route.useSearch();
  if (!q) {
    return (
      <EmptyState title="Search">
        <p>Type an actor id, an event id or a correlation id into the search box above.</p>
      </EmptyState>
    );
  }
  return <Resolve key={q} q={q} />;
}

function Resolve({ q }: { q: string }) {
  const navigate = useNavigate();
  const [actor, event, trace] = useQueries({
    queries: [actorQuery(q), eventQuery(q), traceQuery(q)],
  });
  const pending = actor.isPending || event.isPending || trace.isPending;
  const failure = [actor, event, trace].find((result) => result.isError && !isNotFound(result.error));
  const traceSize = trace.data?.events.length ?? 0;
  const target = useMemo(
    () =>
      pending ? undefined : resolveSearch(q, { actor: actor.isSuccess, event: event.isSuccess, traceSize }),
    [pending, q, actor.isSuccess, event.isSuccess, traceSize],
  );

  useEffect(() => {
    if (!target || failure) return;
    const options = { replace: true } as const;
    if (target.view === 'actor')
      void navigate({ to: '/actors/$actorId', params: { actorId: target.actorId }, ...options });
    if (target.view === 'event')
      void navigate({ to: '/events/$eventId', params: { eventId: target.eventId }, ...options });
    if (target.view === 'trace') {
      void navigate({
        to: '/traces/$correlationId',
        params: { correlationId: target.correlationId },
        search: { event: target.eventId },
        ...options,
      });
    }
  }, [target, failure, navigate]);

  if (failure) {
    return (
      <ErrorState
        error={failure.error}
        onRetry={() => {
          for (const result of [actor, event, trace]) if (result.isError) void result.refetch();
        }}
      />
    );
  }
  if (target?.view !== 'none') return <Loading label={`Looking up ${q}…`} />;
  return (
    <NotFoundState title="Nothing matches">
      <p>
        <code className="break">{q}</code> is not an actor id, an event id or a correlation id in this store.
      </p>
      <p>
        <Link to="/actors" search={{ prefix: q }} className="break">
          Actors whose id starts with “{q}”
        </Link>
      </p>
    </NotFoundState>
  );
}
