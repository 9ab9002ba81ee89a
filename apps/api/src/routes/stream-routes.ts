import { AetherError, normalizeSubscribeOptions, type Subscription } from '@aether/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { toErrorResponse } from '../error-status.ts';
import { findTailStart, MAX_TAIL, type TailStart } from '../log-tail.ts';
import { StreamQuery } from '../schemas.ts';
import { eventToJson } from '../serialize.ts';
import { checkFields, errorResponses, optionalNumber, type RouteDeps, typeList } from './route-helpers.ts';

const stream = createRoute({
  method: 'get',
  path: '/api/stream',
  tags: ['events'],
  summary: 'Live tail as Server-Sent Events: catch-up from a position, then live',
  description:
    'Each event is one SSE message: `id` is its position, `data` the event as JSON. Reconnects resume ' +
    'with `Last-Event-ID`. Comment lines (`: heartbeat`) keep idle connections open. If the store ' +
    'fails, a `stream-error` event carries `{ error: { code, message } }` and the stream ends. ' +
    'With `tail=N` the stream opens with the last N events: its first message is a `start` event ' +
    'whose `id` (and `data.after`) is the position it starts after, and `data.head` the newest ' +
    'position then, so a reconnect resumes exactly there.',
  request: {
    query: StreamQuery,
    headers: z.object({
      'last-event-id': z
        .string()
        .optional()
        .openapi({ description: 'Position to resume after (sent by EventSource on reconnect).' }),
    }),
  },
  responses: {
    200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(400, 503),
  },
});

/** `Last-Event-ID` is free text from the client; it must be a position like the `after` query. */
function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  if (!/^[0-9]{1,16}$/.test(header.trim())) {
    throw new AetherError('INVALID_ARGUMENT', 'Last-Event-ID must be an event position', {
      path: 'Last-Event-ID',
    });
  }
  return Number(header.trim());
}

/** `tail` is digits (the schema checked); its range is checked here. */
function parseTail(text: string | undefined, after: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const tail = Number(text);
  if (tail > MAX_TAIL) {
    throw new AetherError('INVALID_ARGUMENT', `tail must be an integer from 0 to ${MAX_TAIL}`, {
      path: 'tail',
    });
  }
  if (after !== undefined) {
    throw new AetherError('INVALID_ARGUMENT', 'give after or tail, not both', { path: 'tail' });
  }
  return tail;
}

export function createStreamRoutes(deps: RouteDeps) {
  const { store, heartbeatMs, logError } = deps;
  return new OpenAPIHono().openapi(stream, async (c) => {
    const query = c.req.valid('query');
    const resumeAfter = parseLastEventId(c.req.header('last-event-id'));
    const tail = parseTail(query.tail, query.after);
    const checked = checkFields({ eventTypes: 'type' }, () =>
      normalizeSubscribeOptions({
        after: resumeAfter ?? optionalNumber(query.after),
        eventTypes: typeList(query.type),
      }),
    );
    // A reconnect (Last-Event-ID) resumes where it was; only a fresh tail looks for its start.
    let start: TailStart | undefined;
    if (tail !== undefined && resumeAfter === undefined) {
      start = await findTailStart(store, tail, checked.eventTypes);
    }
    const options = { ...checked, after: start?.after ?? checked.after };
    // Fails here, as a JSON error with a status, when the store is closed or unreachable.
    await store.readAll({ after: options.after, limit: 1 });

    return streamSSE(c, async (sse) => {
      let subscription: Subscription | undefined;
      const aborted = new Promise<void>((resolve) => sse.onAbort(resolve));
      const heartbeat = setInterval(() => {
        sse.write(': heartbeat\n\n').catch(() => {});
      }, heartbeatMs);
      try {
        // An opening comment flushes the headers, so clients know at once that they are connected.
        await sse.write(': connected\n\n');
        if (start !== undefined) {
          await sse.writeSSE({ event: 'start', id: String(start.after), data: JSON.stringify(start) });
        }
        subscription = store.subscribe(options, async (event) => {
          await sse.writeSSE({ id: String(event.position), data: JSON.stringify(eventToJson(event)) });
        });
        await Promise.race([subscription.done, aborted]);
      } catch (error) {
        // The subscription failed (store unreachable): tell the client why, then end. Not `error`,
        // which browsers' EventSource keeps for connection failures.
        // Logged like a failed request would be (the client only hears the code), unless it is the
        // write to a client that went away.
        const { body, known } = toErrorResponse(error);
        if (!known && !sse.aborted) logError(error);
        const { code } = body.error;
        await sse
          .writeSSE({
            event: 'stream-error',
            data: JSON.stringify({ error: { code, message: 'the live tail ended; reconnect to resume' } }),
          })
          .catch(() => {});
      } finally {
        clearInterval(heartbeat);
        await subscription?.close();
        await sse.close().catch(() => {});
      }
    });
  });
}
