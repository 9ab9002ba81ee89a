import type { AetherStore } from '@aether/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN } from '../test/http.ts';
import { storeKinds } from '../test/stores.ts';
import { createApp } from './index.ts';

// Seeded, so a failure replays exactly; the seed is printed with any failure and here.
const SEED = 20_260_105;
const RUNS: Record<string, number> = { memory: 400 };

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%zz',
    '%E0%A4',
    '..',
    '.',
    '/',
    '\u0000',
    '\u0007',
    '\uD800',
    '𝒜',
    'a/b c',
    '0',
    '-1',
  ),
);
const number = fc.oneof(
  fc.integer({ min: -5, max: 1200 }).map(String),
  fc.constantFrom('1e3', '1.5', '9007199254740993', '99999999999999999999', 'NaN', '0x10', ' 7', ''),
);
/** Percent-encodes; a lone surrogate (which has no UTF-8 form) becomes the invalid bytes a client could send. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};
const segment = fc.oneof(
  text.map(encode),
  text.map((value) => value.replace(/[?#]/g, '')),
);
const queryPart = fc.oneof(
  fc.tuple(fc.constantFrom('limit', 'after', 'from', 'tail'), number),
  fc.tuple(fc.constantFrom('prefix', 'after', 'type', 'x'), text),
);
const query = fc
  .array(queryPart, { maxLength: 4 })
  .map((parts) =>
    parts.length === 0 ? '' : `?${parts.map(([key, value]) => `${key}=${encode(value)}`).join('&')}`,
  );
const path = fc.oneof(
  fc.constantFrom(
    '/api/health',
    '/api/actors',
    '/api/events',
    '/api/openapi.json',
    '/api/nope',
    '/api/stream',
    '/api/docs',
    '/api/docs/docs.js',
    '/api/docs/assets/swagger-ui.css',
  ),
  segment.map((s) => `/api/actors/${s}`),
  segment.map((s) => `/api/actors/${s}/events`),
  segment.map((s) => `/api/actors/${s}/snapshot`),
  segment.map((s) => `/api/events/${s}`),
  segment.map((s) => `/api/events/${s}/effects`),
  segment.map((s) => `/api/docs/assets/${s}`),
  segment.map((s) => `/api/traces/${s}`),
);
const jsonish = fc.jsonValue({ maxDepth: 3 });
const actorId = fc.oneof(fc.constantFrom('a', 'b/c', 'order 1', 'ü%'), text);
const eventType = fc.oneof(fc.constantFrom('Created', 'Updated'), text, fc.integer());
const draft = fc.record(
  {
    id: fc.oneof(fc.constantFrom('id-1', 'id-2', 'id-3'), text, fc.integer()),
    eventType,
    data: fc.oneof(fc.dictionary(fc.string({ maxLength: 5 }), jsonish, { maxKeys: 3 }), jsonish),
    metadata: fc.oneof(fc.dictionary(text, text, { maxKeys: 2 }), jsonish),
    commandId: text,
    timestamp: fc.oneof(fc.constantFrom('2026-01-01T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday'), text),
    version: fc.integer(),
  },
  { requiredKeys: [] },
);
/** Mostly well-formed drafts, so that writes get through often and fail in the interesting ways. */
const plausibleDraft = fc.record(
  {
    id: fc.constantFrom('id-1', 'id-2', 'id-3', 'id-4'),
    eventType: fc.oneof(
      { arbitrary: fc.constantFrom('Created', 'Updated'), weight: 4 },
      { arbitrary: text, weight: 1 },
    ),
    data: fc.dictionary(fc.string({ maxLength: 5 }), jsonish, { maxKeys: 3 }),
    metadata: fc.dictionary(fc.constantFrom('correlationId', 'userId', 'x'), text, { maxKeys: 2 }),
  },
  { requiredKeys: ['eventType', 'data'] },
);
const expectedVersion = fc.oneof(
  fc.integer({ min: -1, max: 4 }),
  fc.constantFrom('any', 'no_stream', 'x', 1.5),
  jsonish,
);
const body = fc.oneof(
  fc
    .record(
      {
        events: fc.oneof(
          fc.array(plausibleDraft, { maxLength: 3 }),
          fc.array(draft, { maxLength: 4 }),
          jsonish,
        ),
        expectedVersion,
      },
      { requiredKeys: ['events'] },
    )
    .map((value) => JSON.stringify(value)),
  jsonish.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 30 }),
);
const writeBody = fc.oneof(
  {
    arbitrary: fc
      .record(
        {
          events: fc.array(plausibleDraft, { minLength: 1, maxLength: 3 }),
          expectedVersion: fc.constantFrom('any', 'no_stream', 0, 1, 2, 3),
        },
        { requiredKeys: ['events'] },
      )
      .map((value) => JSON.stringify(value)),
    weight: 3,
  },
  { arbitrary: body, weight: 1 },
);
const anyRequest = fc.record({
  method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'DELETE'),
  path,
  query,
  body,
  auth: fc.constantFrom(`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, 'Bearer nope', undefined),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', undefined),
  lastEventId: fc.option(
    fc.oneof(
      number,
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode), maxLength: 6 }),
    ),
    { nil: undefined },
  ),
});
const writeRequest = fc.record({
  method: fc.constant('POST'),
  path: actorId.map((id) => `/api/actors/${encode(id)}/events`),
  query: fc.constant(''),
  body: writeBody,
  auth: fc.constantFrom(`Bearer ${TOKEN}`, `Bearer ${TOKEN}`, `Bearer ${TOKEN}`, 'Bearer nope'),
  contentType: fc.constant('application/json'),
  lastEventId: fc.constant(undefined),
});
const request = fc.oneof({ arbitrary: writeRequest, weight: 3 }, { arbitrary: anyRequest, weight: 2 });

describe.each(storeKinds())('random requests over $name', (kind) => {
  let store: AetherStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await kind.open());
  });
  afterEach(async () => cleanup());

  it(`never answer 500 and never store an event from a rejected request (seed ${SEED})`, async () => {
    const logged: unknown[] = [];
    const app = createApp({
      store,
      apiToken: TOKEN,
      bodyLimitBytes: 64 * 1024,
      logError: (e) => logged.push(e),
    });
    let lastPosition = 0;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const headers: Record<string, string> = {};
        if (input.auth !== undefined) headers.authorization = input.auth;
        if (input.contentType !== undefined) headers['content-type'] = input.contentType;
        if (input.lastEventId !== undefined) headers['last-event-id'] = input.lastEventId;
        let response: Response;
        try {
          response = await app.request(`${input.path}${input.query}`, {
            method: input.method,
            headers,
            body: input.method === 'GET' ? undefined : input.body,
          });
        } catch (error) {
          // Only a URL the client itself refuses to build may throw; the app must never.
          expect(String(error)).toMatch(/URL|Invalid/);
          return;
        }
        const contentType = response.headers.get('content-type') ?? '';
        // An accepted live tail never ends by itself: leave it, which closes its subscription.
        const raw = contentType.startsWith('text/event-stream') ? '' : await response.text();
        await response.body?.cancel().catch(() => {});
        expect(response.status, `${input.method} ${input.path}${input.query} -> ${raw}`).toBeLessThan(500);
        expect(logged).toEqual([]);

        const added = await store.readAll({ after: lastPosition, limit: 1000 });
        if (response.status === 201) {
          const recorded = JSON.parse(raw).events as Array<{ id: string; position: number }>;
          expect(added.events.map((event) => event.id)).toEqual(
            recorded.filter((event) => event.position > lastPosition).map((event) => event.id),
          );
        } else {
          expect(added.events, `${response.status} ${raw}`).toEqual([]);
          if (response.status >= 400 && contentType.includes('json')) {
            const error = JSON.parse(raw).error;
            expect(typeof error.code).toBe('string');
            expect(typeof error.message).toBe('string');
          }
        }
        lastPosition = added.events.at(-1)?.position ?? lastPosition;
      }),
      { seed: SEED, numRuns: RUNS[kind.name] ?? 60, endOnFailure: true },
    );
  });
});
