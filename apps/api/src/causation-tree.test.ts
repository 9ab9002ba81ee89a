import type { RecordedEvent } from '@aether/core';
import { describe, expect, it } from 'vitest';
import { buildCausationTree } from './causation-tree.ts';

let position = 0;
const event = (id: string, causationId?: string): RecordedEvent => ({
  id,
  eventType: 'T',
  actorId: 'a',
  version: ++position,
  position,
  data: {},
  timestamp: new Date(0),
  ...(causationId === undefined ? {} : { metadata: { causationId } }),
});

const shape = (events: RecordedEvent[]) => {
  const tree = buildCausationTree(events);
  return {
    roots: tree.roots,
    nodes: Object.fromEntries(
      tree.nodes.map((node) => [node.eventId, [node.parentId, node.childIds, node.depth]]),
    ),
  };
};

describe('buildCausationTree', () => {
  it('hangs each event under its cause, children in trace order', () => {
    expect(shape([event('a'), event('b', 'a'), event('c', 'a'), event('d', 'b')])).toEqual({
      roots: ['a'],
      nodes: { a: [null, ['b', 'c'], 0], b: ['a', ['d'], 1], c: ['a', [], 1], d: ['b', [], 2] },
    });
  });

  it('makes a root of an event whose cause is outside the trace, missing, or itself', () => {
    expect(shape([event('x', 'elsewhere'), event('y'), event('z', 'z'), event('w', 'x')]).roots).toEqual([
      'x',
      'y',
      'z',
    ]);
  });

  it('breaks causation cycles: every event is reachable from exactly one root', () => {
    const tree = buildCausationTree([event('p', 'r'), event('q', 'p'), event('r', 'q'), event('s', 'q')]);
    expect(tree.roots).toEqual(['p']);
    const byId = new Map(tree.nodes.map((node) => [node.eventId, node]));
    expect(byId.get('p')).toMatchObject({ parentId: null, depth: 0 });
    expect(byId.get('r')).toMatchObject({ parentId: 'q', depth: 2 });
    expect(byId.get('q')?.childIds).toEqual(['r', 's']);
  });

  it('handles a chain thousands of events deep without recursion', () => {
    const events = [event('e0')];
    for (let i = 1; i < 20_000; i++) events.push(event(`e${i}`, `e${i - 1}`));
    const tree = buildCausationTree(events);
    expect(tree.roots).toEqual(['e0']);
    expect(tree.nodes.at(-1)?.depth).toBe(19_999);
    expect(JSON.stringify(tree).length).toBeGreaterThan(0);
  });
});
