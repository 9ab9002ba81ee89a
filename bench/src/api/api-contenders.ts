import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@aether/api';
import type { AetherStore } from '@aether/core';
import { serve } from '@hono/node-server';
import type { Contender, Role } from '../bench-types.ts';
import type { OpenedStore } from '../opened-store.ts';
import { benchEvents } from '../payload.ts';
import { loadTest } from './load-test.ts';

export interface PageRequest {
  /** Path and query of the page, with `{actor}` for the seeded actor's id. */
  path: string;
  /** Events the page returns. */
  pageEvents: number;
  /** Events the seeded actor holds. */
  seedEvents: number;
}

const API_ACTOR = 'api-bench-actor';
const pagePath = (page: PageRequest) => page.path.replace('{actor}', encodeURIComponent(API_ACTOR));

async function seed(store: AetherStore, count: number): Promise<void> {
  for (let done = 0; done < count; done += 1000) {
    await store.saveEvents(benchEvents(API_ACTOR, done + 1, Math.min(1000, count - done)));
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function serverContender(
  subject: string,
  role: Role,
  page: PageRequest,
  start: () => Promise<{ url: string; stop(): Promise<void> }>,
): Contender {
  let running: { url: string; stop(): Promise<void> } | undefined;
  return {
    subject,
    role,
    async setup() {
      running = await start();
      // The page must answer 200 with the events it promises before it is timed.
      const response = await fetch(`${running.url}${pagePath(page)}`);
      const body = (await response.json()) as { events?: unknown[] };
      if (response.status !== 200 || body.events?.length !== page.pageEvents) {
        throw new Error(`${subject}: ${response.status}, ${body.events?.length} events`);
      }
    },
    sample(durationMs) {
      if (running === undefined) throw new Error(`${subject} is not set up`);
      return loadTest(`${running.url}${pagePath(page)}`, durationMs, page.pageEvents);
    },
    async teardown() {
      const stopping = running;
      running = undefined;
      await stopping?.stop();
    },
  };
}

/** The console API (`createApp` on `@hono/node-server`) over a store with one seeded actor. */
export function apiContender(
  subject: string,
  page: PageRequest,
  open: () => Promise<OpenedStore>,
): Contender {
  return serverContender(subject, 'ours', page, async () => {
    const { store, cleanup } = await open();
    try {
      await seed(store, page.seedEvents);
    } catch (error) {
      await store.close();
      await cleanup();
      throw error;
    }
    const app = createApp({ store, logError: () => {} });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve, reject) => {
      if (server.listening) resolve();
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      async stop() {
        await shut(server);
        await store.close();
        await cleanup();
      },
    };
  });
}

/**
 * The floor: bare `node:http` answering every request with the same bytes the API sends for the
 * page (taken from the API on an in-memory store once), so only HTTP and the network stack remain.
 */
export function staticPageContender(subject: string, page: PageRequest, open: () => Promise<OpenedStore>) {
  return serverContender(subject, 'floor', page, async () => {
    const { store, cleanup } = await open();
    let body: string;
    try {
      await seed(store, page.seedEvents);
      const response = await createApp({ store }).request(pagePath(page));
      body = await response.text();
    } finally {
      await store.close();
      await cleanup();
    }
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    const url = await listen(server);
    return { url, stop: () => shut(server) };
  });
}
