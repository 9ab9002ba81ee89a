import { getCausationId, type RecordedEvent } from '@aether/core';

export interface TraceNode {
  eventId: string;
  /** The causing event when it is part of the trace; `null` for a root. */
  parentId: string | null;
  childIds: string[];
  depth: number;
}

export interface CausationTree {
  roots: string[];
  /** One node per event, in the order of `events`. */
  nodes: TraceNode[];
}

/**
 * The causation forest of a trace: an event hangs under the event its `causationId` names. A cause
 * outside the trace (or none, or the event itself) makes a root. Stored data may hold cycles (ids
 * are the writer's choice), so nodes a cycle cuts off from every root become roots, earliest first.
 */
export function buildCausationTree(events: readonly RecordedEvent[]): CausationTree {
  const nodes = new Map<string, TraceNode>();
  for (const event of events) {
    if (!nodes.has(event.id))
      nodes.set(event.id, { eventId: event.id, parentId: null, childIds: [], depth: 0 });
  }
  for (const event of events) {
    const node = nodes.get(event.id) as TraceNode;
    const cause = getCausationId(event);
    if (cause === undefined || cause === event.id || node.parentId !== null) continue;
    const parent = nodes.get(cause);
    if (parent === undefined) continue;
    node.parentId = cause;
    parent.childIds.push(event.id);
  }

  const roots: string[] = [];
  const reached = new Set<string>();
  // Iterative walk: a causation chain can be thousands of events long.
  const walk = (rootId: string) => {
    const stack: Array<[string, number]> = [[rootId, 0]];
    while (stack.length > 0) {
      const [id, depth] = stack.pop() as [string, number];
      if (reached.has(id)) continue;
      reached.add(id);
      const node = nodes.get(id) as TraceNode;
      node.depth = depth;
      for (let i = node.childIds.length - 1; i >= 0; i--) stack.push([node.childIds[i] as string, depth + 1]);
    }
  };
  for (const node of nodes.values()) {
    if (node.parentId === null) {
      roots.push(node.eventId);
      walk(node.eventId);
    }
  }
  for (const node of nodes.values()) {
    if (reached.has(node.eventId)) continue;
    // Cut the cycle above this node: it becomes a root.
    const parent = nodes.get(node.parentId as string) as TraceNode;
    parent.childIds = parent.childIds.filter((id) => id !== node.eventId);
    node.parentId = null;
    roots.push(node.eventId);
    walk(node.eventId);
  }
  // Roots in trace order, whichever pass found them.
  const order = new Map([...nodes.keys()].map((id, index) => [id, index]));
  roots.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
  return { roots, nodes: [...nodes.values()] };
}
