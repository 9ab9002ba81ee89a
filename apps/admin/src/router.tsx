import { createRootRoute, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { Layout } from './components/layout.tsx';
import { ActorStreamView } from './views/actor-stream-view.tsx';
import { ActorsView } from './views/actors-view.tsx';
import { EventDetailView } from './views/event-detail-view.tsx';
import { LiveTailView } from './views/live-tail-view.tsx';
import { NotFoundView, RouteErrorView } from './views/not-found-view.tsx';
import { SearchView } from './views/search-view.tsx';
import { TraceView } from './views/trace-view.tsx';

// Every view has a browser-history URL (none under /api, which belongs to the API) so each can be
// bookmarked, shared and opened cold; the API serves index.html for these paths.

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

const positiveInt = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

const rootRoute = createRootRoute({
  component: Layout,
  notFoundComponent: NotFoundView,
  errorComponent: RouteErrorView,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/actors', replace: true });
  },
});

const actorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/actors',
  validateSearch: (search: Record<string, unknown>): { prefix?: string } => ({ prefix: text(search.prefix) }),
  component: ActorsView,
});

const actorRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/actors/$actorId',
  validateSearch: (search: Record<string, unknown>): { v?: number } => ({ v: positiveInt(search.v) }),
  component: ActorStreamView,
});

const eventRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/events/$eventId',
  component: EventDetailView,
});

const traceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/traces/$correlationId',
  validateSearch: (search: Record<string, unknown>): { event?: string } => ({ event: text(search.event) }),
  component: TraceView,
});

const liveRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/live',
  // `type=A,B`: a readable URL for a list of event types.
  validateSearch: (search: Record<string, unknown>): { type?: string; after?: number } => ({
    type: text(search.type),
    after: positiveInt(search.after),
  }),
  component: LiveTailView,
});

const searchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/search',
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({ q: text(search.q) }),
  component: SearchView,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  actorsRoute,
  actorRoute,
  eventRoute,
  traceRoute,
  liveRoute,
  searchRoute,
]);

export function createAdminRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAdminRouter>;
  }
}
