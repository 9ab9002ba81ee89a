import { z } from '@hono/zod-openapi';

// Route schemas: they shape the OpenAPI document and the RPC types. They check the form of a
// request (strings, digits); the meaning (id rules, limit range, JSON domain) is checked by core,
// so the API answers every input exactly as the stores do.

const JsonObjectSchema = z.record(z.string(), z.unknown()).openapi({ type: 'object' });
const MetadataSchema = z
  .record(z.string(), z.string())
  .openapi({ description: 'String metadata: correlationId, causationId, userId, traceId, spanId, ...' });

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VERSION_CONFLICT' }),
      message: z.string(),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .openapi({ description: 'Facts about the failure; `field` names the failing input.' }),
    }),
  })
  .openapi('Error');

export const RecordedEventSchema = z
  .object({
    id: z.string(),
    eventType: z.string(),
    actorId: z.string(),
    commandId: z.string().optional(),
    version: z.number().int(),
    position: z.number().int().openapi({ description: 'Store-wide position, increasing in commit order.' }),
    data: JsonObjectSchema,
    metadata: MetadataSchema.optional(),
    timestamp: z.string().openapi({ format: 'date-time', example: '2026-01-05T08:00:00.000Z' }),
  })
  .openapi('RecordedEvent');

export const ActorSummarySchema = z
  .object({
    actorId: z.string(),
    latestVersion: z.number().int(),
    eventCount: z.number().int(),
    firstEventAt: z.string().openapi({ format: 'date-time' }),
    lastEventAt: z.string().openapi({ format: 'date-time' }),
    lastEventType: z.string(),
  })
  .openapi('ActorSummary');

export const SnapshotSchema = z
  .object({
    actorId: z.string(),
    version: z.number().int(),
    state: JsonObjectSchema,
    timestamp: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Snapshot');

export const ReplayErrorSchema = z
  .object({
    position: z.number().int().nullable(),
    message: z.string(),
  })
  .openapi('ReplayError');

export const DraftSchema = z
  .object({
    id: z.string().optional().openapi({ description: 'Give ids to make a retry of the request idempotent.' }),
    eventType: z.string(),
    data: JsonObjectSchema,
    metadata: MetadataSchema.optional(),
    commandId: z.string().optional(),
    timestamp: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Default: now.' }),
  })
  .openapi('EventDraft');

/** Most events accepted in one POST; the store's own limits apply on top. */
export const MAX_DRAFTS_PER_REQUEST = 1000;

export const AppendBodySchema = z
  .object({
    events: z.array(DraftSchema).max(MAX_DRAFTS_PER_REQUEST),
    expectedVersion: z
      .union([z.number(), z.literal('no_stream'), z.literal('any')])
      .optional()
      .openapi({ description: "The actor's latest version, 'no_stream' or 'any' (default)." }),
  })
  .openapi('AppendRequest');

const digits = (description: string) =>
  z
    .string()
    .regex(/^[0-9]{1,16}$/, 'must be a non-negative integer')
    .optional()
    .openapi({ description });

export const limitQuery = digits('Page size, 1 to 1000; default 100.');

/** `type=A&type=B`: one or more event types. */
export const typeQuery = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .openapi({
    param: { name: 'type', in: 'query', style: 'form', explode: true },
    description: 'Only events of this type; repeat for several.',
  });

export const ActorListQuery = z.object({
  prefix: z.string().optional().openapi({ description: 'Only actor ids starting with this.' }),
  after: z.string().optional().openapi({ description: 'The `next` of the previous page.' }),
  limit: limitQuery,
});

export const ActorEventsQuery = z.object({
  from: digits('First version to return (inclusive); default 0, the whole stream.'),
  limit: limitQuery,
});

export const EventsQuery = z.object({
  after: digits('Exclusive position: the `next` of the previous page; default 0.'),
  limit: limitQuery,
  type: typeQuery,
});

export const EffectsQuery = z.object({
  after: digits('Exclusive position: the `next` of the previous page; default 0.'),
  limit: limitQuery,
});

export const StreamQuery = z.object({
  after: digits('Exclusive position to catch up from; `Last-Event-ID` wins when both are sent.'),
  tail: digits(
    'Start with the last `tail` events (of the `type`s, when given), 0 to 1000, then go live. ' +
      'Not with `after`; `Last-Event-ID` wins. The first message is a `start` event whose `id` is ' +
      'the position the stream starts after.',
  ),
  type: typeQuery,
});

export const ActorParams = z.object({
  actorId: z.string().openapi({
    param: { name: 'actorId', in: 'path' },
    description: 'URL-encoded actor id (`/`, spaces, unicode and `%` are fine once encoded).',
    example: 'order/1001',
  }),
});

export const EventParams = z.object({
  eventId: z.string().openapi({ param: { name: 'eventId', in: 'path' } }),
});

export const TraceParams = z.object({
  correlationId: z.string().openapi({ param: { name: 'correlationId', in: 'path' } }),
});

export const ActorPageSchema = z
  .object({
    actors: z.array(ActorSummarySchema),
    next: z
      .string()
      .nullable()
      .openapi({ description: 'Pass as `after` for the next page; null at the end.' }),
  })
  .openapi('ActorPage');

export const ActorEventsPageSchema = z
  .object({
    events: z.array(RecordedEventSchema),
    errors: z.array(ReplayErrorSchema).openapi({ description: 'Stored records that could not be decoded.' }),
    next: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Pass as `from` for the next page; null at the end.' }),
  })
  .openapi('ActorEventsPage');

export const EventPageSchema = z
  .object({
    events: z.array(RecordedEventSchema),
    next: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Pass as `after` for the next page; null at the end.' }),
  })
  .openapi('EventPage');

export const AppendResultSchema = z.object({ events: z.array(RecordedEventSchema) }).openapi('AppendResult');

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    store: z.string().openapi({ description: 'memory, fs or postgres' }),
    writable: z.boolean().openapi({ description: 'Whether writes are enabled (an API token is set).' }),
  })
  .openapi('Health');

export const TraceNodeSchema = z
  .object({
    eventId: z.string(),
    parentId: z.string().nullable().openapi({ description: 'The causing event, when it is in this trace.' }),
    childIds: z.array(z.string()),
    depth: z.number().int(),
  })
  .openapi('TraceNode');

export const TraceSchema = z
  .object({
    correlationId: z.string(),
    events: z.array(RecordedEventSchema).openapi({ description: 'In position order.' }),
    tree: z.object({
      roots: z.array(z.string()),
      nodes: z.array(TraceNodeSchema).openapi({ description: 'One per event, in position order.' }),
    }),
    truncated: z.boolean().openapi({ description: 'True when the trace has more events than `limit`.' }),
    limit: z.number().int(),
  })
  .openapi('Trace');
