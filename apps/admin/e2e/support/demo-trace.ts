import type { ApiHelper, RecordedEvent } from './fixtures.ts';

export interface DemoTrace {
  correlationId: string;
  events: RecordedEvent[];
  /** An event with a stored cause and at least one stored effect. */
  middle: RecordedEvent;
  parent: RecordedEvent;
  children: RecordedEvent[];
}

/** The trace of the first demo order: its chain crosses order, payment, inventory and shipment actors. */
export async function firstOrderTrace(api: ApiHelper): Promise<DemoTrace> {
  const [order] = await api.actors('order/', 1);
  if (!order) throw new Error('the demo store has no order actors');
  const [placed] = await api.events(order.actorId);
  const correlationId = placed?.metadata?.correlationId;
  if (!correlationId) throw new Error(`${order.actorId} v1 has no correlation id`);
  const trace = await api.get<{ events: RecordedEvent[] }>(
    `/api/traces/${encodeURIComponent(correlationId)}`,
  );
  const byId = new Map(trace.events.map((event) => [event.id, event]));
  const childrenOf = (id: string) => trace.events.filter((event) => event.metadata?.causationId === id);
  for (const event of trace.events) {
    const cause = event.metadata?.causationId;
    const parent = cause === undefined ? undefined : byId.get(cause);
    const children = childrenOf(event.id);
    if (parent && children.length > 0)
      return { correlationId, events: trace.events, middle: event, parent, children };
  }
  throw new Error(`trace ${correlationId} has no event with both a cause and an effect`);
}
