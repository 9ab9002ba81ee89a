import type { Scenario } from '../bench-types.ts';
import { openFsStore } from '../fs/aether-fs-driver.ts';
import { openMemoryStore } from '../memory/aether-memory-driver.ts';
import type { OpenedStore } from '../opened-store.ts';
import { openPostgresStore } from '../postgres/aether-postgres-driver.ts';
import { apiContender, type PageRequest, staticPageContender } from './api-contenders.ts';
import { CONNECTIONS } from './load-test.ts';

const PAGES: { id: string; title: string; page: PageRequest }[] = [
  {
    id: 'api-actor-page',
    title: `API: an actor's events page (100 of 1,000), ${CONNECTIONS} connections`,
    page: { path: '/api/actors/{actor}/events?limit=100', pageEvents: 100, seedEvents: 1000 },
  },
  {
    id: 'api-global-page',
    title: `API: global events page (100 of 1,000), ${CONNECTIONS} connections`,
    page: { path: '/api/events?limit=100', pageEvents: 100, seedEvents: 1000 },
  },
];

/** The console API under load on each store; `databaseUrl` undefined leaves Postgres out. */
export function apiScenarios(databaseUrl: string | undefined): Scenario[] {
  const stores: [string, () => Promise<OpenedStore>][] = [
    ['memory', openMemoryStore],
    ['fs', openFsStore],
  ];
  if (databaseUrl !== undefined) stores.push(['postgres', () => openPostgresStore(databaseUrl)]);
  return PAGES.map(({ id, title, page }) => ({
    id,
    backend: 'api',
    title,
    contenders: [
      staticPageContender('node:http, same bytes', page, openMemoryStore),
      ...stores.map(([name, open]) => apiContender(`aether API on ${name}`, page, open)),
    ],
    targets: [],
  }));
}
