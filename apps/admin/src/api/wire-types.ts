import type { InferResponseType } from 'hono/client';
import type { RpcClient } from './rpc.ts';

// JSON shapes of the console API, taken from its route types so a change there fails tsc here.

type Api = RpcClient['api'];

export type Health = InferResponseType<Api['health']['$get'], 200>;
export type ActorPage = InferResponseType<Api['actors']['$get'], 200>;
export type ActorSummary = ActorPage['actors'][number];
export type ActorEventsPage = InferResponseType<Api['actors'][':actorId']['events']['$get'], 200>;
export type Snapshot = InferResponseType<Api['actors'][':actorId']['snapshot']['$get'], 200>;
export type EventPage = InferResponseType<Api['events']['$get'], 200>;
export type RecordedEventJson = InferResponseType<Api['events'][':eventId']['$get'], 200>;
export type Trace = InferResponseType<Api['traces'][':correlationId']['$get'], 200>;
export type TraceNode = Trace['tree']['nodes'][number];
