import { createMemoryEventStore } from '@aether/adapter-memory';
import { hc, type InferResponseType } from 'hono/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { TOKEN } from '../test/http.ts';
import { type AppType, createApp } from './index.ts';

describe('AppType for a typed client (hc<AppType>)', () => {
  const store = createMemoryEventStore();
  const app = createApp({ store, apiToken: TOKEN });
  const client = hc<AppType>('http://console.local', {
    fetch: (input: string | URL | Request, init?: RequestInit) => app.request(input, init),
  });

  it('types every route, its inputs and its JSON answers', async () => {
    type Actors = InferResponseType<typeof client.api.actors.$get, 200>;
    expectTypeOf<Actors['next']>().toEqualTypeOf<string | null>();
    expectTypeOf<Actors['actors'][number]['latestVersion']>().toEqualTypeOf<number>();
    type Trace = InferResponseType<(typeof client.api.traces)[':correlationId']['$get'], 200>;
    expectTypeOf<Trace['tree']['nodes'][number]['parentId']>().toEqualTypeOf<string | null>();
    type Problem = InferResponseType<(typeof client.api.actors)[':actorId']['$get'], 404>;
    expectTypeOf<Problem['error']['code']>().toEqualTypeOf<string>();

    // hc puts params into the path as given: encode ids (the server decodes them once).
    const actorId = encodeURIComponent('order/1');
    const posted = await client.api.actors[':actorId'].events.$post(
      { param: { actorId }, json: { events: [{ eventType: 'Placed', data: { total: 1 } }] } },
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    expect(posted.status).toBe(201);
    const page = await client.api.actors.$get({ query: { prefix: 'order/', limit: '10' } });
    if (!page.ok) throw new Error(`unexpected ${page.status}`);
    const body = await page.json();
    expect(body.actors.map((actor) => actor.actorId)).toEqual(['order/1']);
    const events = await client.api.actors[':actorId'].events.$get({ param: { actorId }, query: {} });
    expect(events.status).toBe(200);
  });
});
