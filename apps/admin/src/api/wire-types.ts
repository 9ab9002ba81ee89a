// JSON shapes of the console API (timestamps are ISO 8601 strings).

export interface RecordedEventJson {
  id: string;
  eventType: string;
  actorId: string;
  commandId?: string;
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
  firstEventAt: string;
  lastEventAt: string;
  lastEventType: string;
}

export interface Snapshot {
  actorId: string;
  version: number;
  state: Record<string, unknown>;
  timestamp: string;
}

export interface Health {
  status: string;
  store: string;
  writable: boolean;
}

export interface ActorPage {
  actors: ActorSummary[];
  next: string | null;
}

export interface ActorEventsPage {
  events: RecordedEventJson[];
  errors: { position: number | null; message: string }[];
  next: number | null;
}

export interface EventPage {
  events: RecordedEventJson[];
  next: number | null;
}

export interface TraceNode {
  eventId: string;
  parentId: string | null;
  childIds: string[];
  depth: number;
}

export interface Trace {
  correlationId: string;
  events: RecordedEventJson[];
  tree: { roots: string[]; nodes: TraceNode[] };
  truncated: boolean;
  limit: number;
}
