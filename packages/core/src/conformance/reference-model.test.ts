import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertySeed } from './arbitraries.ts';
import { type ModelEvent, ReferenceModel } from './reference-model.ts';

const save = fc.record({
  actor: fc.constantFrom('a', 'b'),
  version: fc.integer({ min: 1, max: 8 }),
  id: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8'),
});

describe('ReferenceModel (the oracle of the model-based conformance test)', () => {
  it('follows the version and id rules for any sequence of saves (property)', () => {
    fc.assert(
      fc.property(fc.array(save, { maxLength: 30 }), (saves) => {
        const model = new ReferenceModel();
        const stored = new Map<string, ModelEvent>();
        for (const { actor, version, id } of saves) {
          const latest = model.latest(actor);
          const previous = stored.get(id);
          const outcome = model.saveEvent({ id, actorId: actor, version });
          if (previous !== undefined) {
            // An id already stored: a retry when actor and version match, otherwise a duplicate.
            const retry = previous.actorId === actor && previous.version === version;
            expect(outcome).toEqual(
              retry ? { ok: true, events: [previous] } : { ok: false, code: 'DUPLICATE_EVENT_ID' },
            );
          } else if (version <= latest) {
            expect(outcome).toEqual({ ok: false, code: 'VERSION_CONFLICT' });
          } else {
            expect(outcome).toEqual({ ok: true, events: [{ id, actorId: actor, version }] });
            stored.set(id, { id, actorId: actor, version });
          }
          expect(model.latest(actor)).toBe(outcome.ok && previous === undefined ? version : latest);
        }
        for (const actor of ['a', 'b']) {
          const versions = model.stream(actor).map((event) => event.version);
          expect(versions).toEqual([...new Set(versions)].sort((x, y) => x - y));
        }
      }),
      { seed: propertySeed(), numRuns: 300 },
    );
  });

  it('stores a batch entirely or not at all', () => {
    const model = new ReferenceModel();
    model.saveEvent({ id: 'x', actorId: 'b', version: 1 });
    const batch = [
      { id: 'a1', actorId: 'a', version: 1 },
      { id: 'x', actorId: 'a', version: 2 },
    ];
    expect(model.saveEvents(batch)).toEqual({ ok: false, code: 'DUPLICATE_EVENT_ID' });
    expect(model.stream('a')).toEqual([]);
    expect(model.saveEvents([batch[0] as ModelEvent, { id: 'a2', actorId: 'a', version: 1 }])).toEqual({
      ok: false,
      code: 'INVALID_EVENT',
    });
    expect(model.saveEvents([batch[0] as ModelEvent])).toMatchObject({ ok: true });
    expect(model.saveEvents([batch[0] as ModelEvent, { id: 'a2', actorId: 'a', version: 3 }])).toMatchObject({
      ok: true,
    });
    expect(model.stream('a').map((event) => event.version)).toEqual([1, 3]);
  });

  it('treats an append whose ids are all stored on the actor as a retry, whatever the expectation', () => {
    const model = new ReferenceModel();
    const first = model.appendEvents('a', ['d1', 'd2'], 'no_stream');
    expect(first).toEqual({
      ok: true,
      events: [
        { id: 'd1', actorId: 'a', version: 1 },
        { id: 'd2', actorId: 'a', version: 2 },
      ],
    });
    expect(model.appendEvents('a', ['d1', 'd2'], 'no_stream')).toEqual(first);
    expect(model.appendEvents('a', ['d2', 'd3'], 'any')).toEqual({ ok: false, code: 'DUPLICATE_EVENT_ID' });
    expect(model.appendEvents('b', ['d1'], 'any')).toEqual({ ok: false, code: 'DUPLICATE_EVENT_ID' });
    expect(model.appendEvents('a', ['d3'], 1)).toEqual({ ok: false, code: 'VERSION_CONFLICT' });
    expect(model.appendEvents('a', [], 5)).toEqual({ ok: false, code: 'VERSION_CONFLICT' });
    expect(model.appendEvents('a', [], 2)).toEqual({ ok: true, events: [] });
  });
});
