import type { RecordedEventJson, Trace } from '../api/wire-types.ts';

export interface WaterfallRow {
  event: RecordedEventJson;
  depth: number;
  /** Milliseconds from the start of the trace to this event. */
  offsetMs: number;
  /** Milliseconds from this event to the last event it (transitively) caused; 0 for a leaf. */
  spanMs: number;
  parentId: string | null;
  childCount: number;
}

export interface Waterfall {
  rows: WaterfallRow[];
  startMs: number;
  durationMs: number;
  actors: string[];
}

/**
 * Lays a trace out as a waterfall: rows in causation order (each cause above what it caused,
 * siblings by position), each placed on the trace's timeline with a bar reaching its last effect.
 */
export function layoutWaterfall(trace: Pick<Trace, 'events' | 'tree'>): Waterfall {
  const byId = new Map(trace.events.map((event) => [event.id, event]));
  const nodes = new Map(trace.tree.nodes.map((node) => [node.eventId, node]));
  const time = (id: string) => Date.parse(byId.get(id)?.timestamp ?? '');
  const times = trace.events.map((event) => Date.parse(event.timestamp)).filter((t) => !Number.isNaN(t));
  const startMs = times.length > 0 ? Math.min(...times) : 0;
  const endMs = times.length > 0 ? Math.max(...times) : 0;

  // Latest time in each subtree, computed children-first without recursion (chains can be long).
  const subtreeEnd = new Map<string, number>();
  const order: string[] = [];
  const stack = [...trace.tree.roots].reverse();
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    order.push(id);
    const children = [...(nodes.get(id)?.childIds ?? [])].sort(
      (a, b) => (byId.get(a)?.position ?? 0) - (byId.get(b)?.position ?? 0),
    );
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as string);
  }
  // Events the tree does not reach (never expected) still get a row, at the end.
  for (const event of trace.events) if (!seen.has(event.id)) order.push(event.id);
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i] as string;
    let end = time(id);
    for (const child of nodes.get(id)?.childIds ?? []) end = Math.max(end, subtreeEnd.get(child) ?? end);
    subtreeEnd.set(id, end);
  }

  const actors: string[] = [];
  const rows = order.map((id): WaterfallRow => {
    const event = byId.get(id) as RecordedEventJson;
    if (!actors.includes(event.actorId)) actors.push(event.actorId);
    const node = nodes.get(id);
    const at = time(id);
    return {
      event,
      depth: node?.depth ?? 0,
      offsetMs: Number.isNaN(at) ? 0 : at - startMs,
      spanMs: Number.isNaN(at) ? 0 : (subtreeEnd.get(id) ?? at) - at,
      parentId: node?.parentId ?? null,
      childCount: node?.childIds.length ?? 0,
    };
  });
  return { rows, startMs, durationMs: endMs - startMs, actors };
}
