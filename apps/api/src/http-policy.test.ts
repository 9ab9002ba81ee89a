import { createMemoryEventStore } from '@aether/adapter-memory';
import { type AetherStore, storeUnavailable } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { httpClient, TOKEN } from '../test/http.ts';
import { type CreateAppOptions, createApp } from './index.ts';

const events = { events: [{ eventType: 'Created', data: {} }] };

function appWith(options: Partial<CreateAppOptions> = {}) {
  const store = options.store ?? createMemoryEventStore();
  return { store, http: httpClient(createApp({ storeName: 'memory', apiToken: TOKEN, ...options, store })) };
}

/** A real memory store with one method replaced, to see how the API answers a failing backend. */
function failing(method: keyof AetherStore, error: unknown): AetherStore {
  const store = createMemoryEventStore();
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === method) return async () => Promise.reject(error);
      return Reflect.get(target, key, receiver);
    },
  });
}

describe('writes and the bearer token', () => {
  it('refuses every write with 403 when no token is configured (read-only console)', async () => {
    const { store, http } = appWith({ apiToken: undefined });
    const response = await http.post('/api/actors/a/events', events);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
    expect((await http.get('/api/health')).body.writable).toBe(false);
    expect(await store.getLatestVersion('a')).toBe(0);
    // An empty token is no token.
    expect((await appWith({ apiToken: '' }).http.post('/api/actors/a/events', events)).status).toBe(403);
  });

  it('answers 401 with WWW-Authenticate for a missing, malformed or wrong token', async () => {
    const { store, http } = appWith();
    for (const headers of [
      {},
      { authorization: TOKEN },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: 'Bearer ' },
    ] as Array<Record<string, string>>) {
      const response = await http.post('/api/actors/a/events', events, headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHORIZED');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await store.getLatestVersion('a')).toBe(0);
    const ok = await http.post('/api/actors/a/events', events, { authorization: `bearer ${TOKEN}` });
    expect(ok.status).toBe(201);
  });

  it('checks the token before reading the body', async () => {
    const { http } = appWith();
    const response = await http.post('/api/actors/a/events', '{not json', {});
    expect(response.status).toBe(401);
  });

  it('reads need no token', async () => {
    const { http } = appWith();
    expect((await http.get('/api/actors')).status).toBe(200);
  });
});

describe('limits', () => {
  it('answers 413 for a body over the limit and stores nothing', async () => {
    const { store, http } = appWith({ bodyLimitBytes: 2048 });
    const big = { events: [{ eventType: 'Big', data: { text: 'x'.repeat(4096) } }] };
    const response = await http.post('/api/actors/a/events', big);
    expect(response.status).toBe(413);
    expect(response.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 2048 } });
    expect(await store.getLatestVersion('a')).toBe(0);
    expect((await http.post('/api/actors/a/events', events)).status).toBe(201);
  });

  it('an event over the store limit is a 400 naming data', async () => {
    const store = createMemoryEventStore({ maxEventBytes: 1000 });
    const { http } = appWith({ store });
    const response = await http.post('/api/actors/a/events', {
      events: [{ eventType: 'Big', data: { text: 'x'.repeat(2000) } }],
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'INVALID_EVENT',
      details: { field: 'events[0].data' },
    });
  });
});

describe('errors', () => {
  it('maps STORE_UNAVAILABLE to 503 and a closed store to 503', async () => {
    const { http } = appWith({ store: failing('listActors', storeUnavailable('connection refused')) });
    const response = await http.get('/api/actors');
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('STORE_UNAVAILABLE');

    const closed = appWith();
    await closed.store.close();
    const health = await closed.http.get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.code).toBe('STORE_CLOSED');
  });

  it('answers an unknown error with 500, no stack and no message, and logs it', async () => {
    const logged: unknown[] = [];
    const secret = new Error('password=hunter2 at /srv/secret/path');
    const { http } = appWith({ store: failing('readAll', secret), logError: (error) => logged.push(error) });
    const response = await http.get('/api/events');
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'internal server error' } });
    expect(response.text).not.toMatch(/hunter2|secret|at /);
    expect(logged).toEqual([secret]);
  });

  it('answers unknown routes and methods with a JSON 404', async () => {
    const { http } = appWith();
    const unknown = await http.get('/api/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await http.request('/api/actors', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('headers', () => {
  it('sets security headers on API responses and on errors', async () => {
    const { http } = appWith();
    for (const path of ['/api/health', '/api/nope']) {
      const { headers } = await http.get(path);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('sends no CORS headers unless origins are configured', async () => {
    const off = appWith().http;
    const response = await off.get('/api/health', { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();

    const on = appWith({ corsOrigins: ['https://console.example'] }).http;
    const allowed = await on.get('/api/health', { origin: 'https://console.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example');
    const other = await on.get('/api/health', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await on.request('/api/actors/a/events', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://console.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });
});

describe('documentation', () => {
  it('serves an OpenAPI document generated from the route schemas', async () => {
    const { http } = appWith();
    const response = await http.get('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/actors',
      '/api/actors/{actorId}',
      '/api/actors/{actorId}/events',
      '/api/actors/{actorId}/snapshot',
      '/api/events',
      '/api/events/{eventId}',
      '/api/events/{eventId}/effects',
      '/api/health',
      '/api/stream',
      '/api/traces/{correlationId}',
    ]);
    const post = doc.paths['/api/actors/{actorId}/events'].post;
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '413']),
    );
    expect(post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.schemas.RecordedEvent.properties.timestamp).toMatchObject({
      type: 'string',
      format: 'date-time',
    });
  });

  it('serves interactive docs at /api/docs pointing at the document', async () => {
    const { http } = appWith();
    const response = await http.get('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.text).toContain('/api/openapi.json');
  });

  it('loads every script and style of the docs page from its own origin (works offline)', async () => {
    const { http } = appWith();
    const page = await http.get('/api/docs');
    const scripts = [...page.text.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    const sources = scripts.map((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1]);
    // No inline script and no other origin: every script is a same-origin path.
    for (const source of sources) expect(source, String(scripts)).toMatch(/^\/api\/docs\//);
    const links = [...page.text.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((match) => match[1] ?? '');
    for (const link of links) expect(link).toMatch(/^\/(?!\/)/);
    expect(page.text).not.toMatch(/https?:\/\//);
    // The browser enforces it too: scripts, styles and requests only from this origin.
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/https?:|\*/);

    for (const source of sources) {
      const script = await http.get(String(source));
      expect(script.status, source).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(script.text.length).toBeGreaterThan(0);
    }
    const bundle = await http.get(String(sources.find((source) => source?.includes('swagger-ui-bundle'))));
    expect(bundle.text).toContain('SwaggerUIBundle');
    const styles = links.filter((link) => link.endsWith('.css'));
    expect(styles).not.toEqual([]);
    for (const style of styles) {
      const css = await http.get(style);
      expect(css.status, style).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    }
  });

  it('serves only the docs files it names, nothing else from node_modules', async () => {
    const { http } = appWith();
    for (const path of [
      '/api/docs/assets/package.json',
      '/api/docs/assets/index.html',
      '/api/docs/assets/..%2F..%2Fhono%2Fpackage.json',
      '/api/docs/assets/',
    ]) {
      const response = await http.get(path);
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });
});
