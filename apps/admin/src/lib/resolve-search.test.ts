import { describe, expect, it } from 'vitest';
import { resolveSearch } from './resolve-search.ts';

describe('resolveSearch', () => {
  it('routes each kind of id to its view', () => {
    expect(resolveSearch('order-1', { actor: true, event: false, traceSize: 0 })).toEqual({
      view: 'actor',
      actorId: 'order-1',
    });
    expect(resolveSearch('e1', { actor: false, event: true, traceSize: 0 })).toEqual({
      view: 'event',
      eventId: 'e1',
    });
    expect(resolveSearch('c1', { actor: false, event: false, traceSize: 4 })).toEqual({
      view: 'trace',
      correlationId: 'c1',
    });
    expect(resolveSearch('x', { actor: false, event: false, traceSize: 0 })).toEqual({ view: 'none' });
  });

  it('opens the trace of a chain from the id of its first event, with the event selected', () => {
    expect(resolveSearch('root', { actor: true, event: true, traceSize: 3 }).view).toBe('actor');
    expect(resolveSearch('root', { actor: false, event: true, traceSize: 3 })).toEqual({
      view: 'trace',
      correlationId: 'root',
      eventId: 'root',
    });
    expect(resolveSearch('lone', { actor: false, event: true, traceSize: 1 })).toEqual({
      view: 'event',
      eventId: 'lone',
    });
  });
});
