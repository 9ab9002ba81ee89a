import { test as base, expect, type Page } from '@playwright/test';

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run the tests with playwright.config.ts (its globalSetup sets it)`);
  return value;
}

export interface RecordedEvent {
  id: string;
  eventType: string;
  actorId: string;
  version: number;
  position: number;
  data: Record<string, unknown>;
  metadata?: Record<string, string>;
  timestamp: string;
}

export interface ActorSummary {
  actorId: string;
  latestVersion: number;
  eventCount: number;
}

/** Plain HTTP calls to the API under test, to find ids and to write events during a test. */
export class ApiHelper {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.url}${path}`);
    if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async append(actorId: string, events: { eventType: string; data: object; metadata?: object }[]) {
    const response = await fetch(`${this.url}/api/actors/${encodeURIComponent(actorId)}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ events }),
    });
    if (response.status !== 201)
      throw new Error(`append to ${actorId}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { events: RecordedEvent[] }).events;
  }

  async actors(prefix: string, limit = 10): Promise<ActorSummary[]> {
    const page = await this.get<{ actors: ActorSummary[] }>(
      `/api/actors?prefix=${encodeURIComponent(prefix)}&limit=${limit}`,
    );
    return page.actors;
  }

  async events(actorId: string): Promise<RecordedEvent[]> {
    const page = await this.get<{ events: RecordedEvent[] }>(
      `/api/actors/${encodeURIComponent(actorId)}/events?limit=1000`,
    );
    return page.events;
  }
}

/** Fails the test on any uncaught error in the page: a view must never crash to a blank page. */
function watchPageErrors(page: Page): () => void {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return () => expect(errors, 'uncaught errors in the page').toEqual([]);
}

export const test = base.extend<{ api: ApiHelper; pageErrors: undefined }>({
  // Playwright reads fixture dependencies from the destructuring pattern: these depend on none.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here
  baseURL: async ({}, use) => use(requiredEnv('AETHER_E2E_URL')),
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here
  api: async ({}, use) => use(new ApiHelper(requiredEnv('AETHER_E2E_URL'), requiredEnv('AETHER_E2E_TOKEN'))),
  pageErrors: [
    async ({ page }, use) => {
      const check = watchPageErrors(page);
      await use(undefined);
      check();
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Takes a screenshot of the view; with `AETHER_SCREENSHOTS=1` it also replaces the README's image in
 * e2e/screenshots/. Not by default: the images differ by a few pixels on every run, and a test run
 * must not leave tracked files changed.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const refresh = process.env.AETHER_SCREENSHOTS === '1';
  await page.screenshot(
    refresh ? { path: new URL(`../screenshots/${name}.png`, import.meta.url).pathname } : {},
  );
}
