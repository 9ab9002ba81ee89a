import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAetherError } from '../../errors.ts';
import type { AnyEventStore, ExpectedVersion, RecordedEvent } from '../../types.ts';
import { propertyParameters } from '../arbitraries.ts';
import { idsAndVersions, makeEvent } from '../fixtures.ts';
import { groupTitle, timeoutOf, useStores } from '../harness.ts';
import type { ConformanceOptions } from '../options.ts';
import { type ModelEvent, type ModelOutcome, ReferenceModel } from '../reference-model.ts';

const ACTORS = 3;
const RUNS = 25;
const COMMANDS = 20;

/** `null`: a fresh id; a number: reuse the stored id with that index (modulo their count). */
type IdRef = number | null;
type ExpectedRef = 'any' | 'no_stream' | { relative: number };

type Command =
  | { kind: 'save'; actor: number; delta: number; id: IdRef }
  | { kind: 'saveEvents'; actor: number; delta: number; steps: number[]; ids: IdRef[] }
  | { kind: 'append'; actor: number; expected: ExpectedRef; ids: IdRef[] }
  | { kind: 'retryAppend'; pick: number; expected: ExpectedRef };

const idRef: fc.Arbitrary<IdRef> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.nat(40) },
);
const actor = fc.nat(ACTORS - 1);
// Relative to the actor's latest version: <= 0 is stale, 1 is next, > 1 leaves a gap.
const delta = fc.integer({ min: -2, max: 3 });
const expectedRef: fc.Arbitrary<ExpectedRef> = fc.oneof(
  fc.constant('any' as const),
  fc.constant('no_stream' as const),
  fc.record({ relative: fc.integer({ min: -1, max: 1 }) }),
);

function commandArbitrary(store: AnyEventStore): fc.Arbitrary<Command> {
  const commands: fc.Arbitrary<Command>[] = [
    fc.record({ kind: fc.constant('save' as const), actor, delta, id: idRef }),
  ];
  if (store.saveEvents) {
    commands.push(
      fc.record({
        kind: fc.constant('saveEvents' as const),
        actor,
        delta,
        // A step of 0 repeats a version: an invalid batch.
        steps: fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) }, fc.constant(0)), {
          maxLength: 3,
        }),
        ids: fc.array(idRef, { minLength: 4, maxLength: 4 }),
      }),
    );
  }
  if (store.appendEvents) {
    commands.push(
      fc.record({
        kind: fc.constant('append' as const),
        actor,
        expected: expectedRef,
        ids: fc.array(idRef, { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('retryAppend' as const), pick: fc.nat(20), expected: expectedRef }),
    );
  }
  return fc.oneof(...commands);
}

async function outcomeOf(action: () => Promise<RecordedEvent | RecordedEvent[]>): Promise<ModelOutcome> {
  try {
    const result = await action();
    const events = Array.isArray(result) ? result : [result];
    return { ok: true, events: events.map(({ id, actorId, version }) => ({ id, actorId, version })) };
  } catch (error) {
    if (isAetherError(error)) return { ok: false, code: error.code };
    throw error;
  }
}

/** One run: a fresh model, actors and ids unique to the run, commands applied to both sides. */
class ModelRun {
  readonly model = new ReferenceModel();
  readonly actors: string[];
  readonly appends: { actorId: string; ids: string[] }[] = [];
  #fresh = 0;

  constructor(
    readonly store: AnyEventStore,
    readonly prefix: string,
  ) {
    this.actors = Array.from({ length: ACTORS }, (_, index) => `${prefix}-actor-${index}`);
  }

  #id(ref: IdRef): string {
    const stored = this.model.storedIds;
    if (ref === null || stored.length === 0) {
      this.#fresh += 1;
      return `${this.prefix}-event-${this.#fresh}`;
    }
    return stored[ref % stored.length] as string;
  }

  #expected(ref: ExpectedRef, actorId: string): ExpectedVersion {
    if (ref === 'any' || ref === 'no_stream') return ref;
    return Math.max(0, this.model.latest(actorId) + ref.relative);
  }

  #event(event: ModelEvent) {
    return makeEvent(event.actorId, event.version, { id: event.id, eventType: 'Modelled' });
  }

  /** Applies one command to the model and the store; returns both outcomes and what was done. */
  async step(command: Command): Promise<{ what: string; expected: ModelOutcome; actual: ModelOutcome }> {
    const { model, store } = this;
    switch (command.kind) {
      case 'save': {
        const actorId = this.actors[command.actor] as string;
        const event = {
          id: this.#id(command.id),
          actorId,
          version: Math.max(1, model.latest(actorId) + command.delta),
        };
        const expected = model.saveEvent(event);
        const actual = await outcomeOf(() => store.saveEvent(this.#event(event)));
        return { what: `saveEvent ${JSON.stringify(event)}`, expected, actual };
      }
      case 'saveEvents': {
        const actorId = this.actors[command.actor] as string;
        let version = Math.max(1, model.latest(actorId) + command.delta);
        const versions = [version, ...command.steps.map((step) => (version += step))];
        const events = versions.map((v, index) => ({
          id: this.#id(command.ids[index] ?? null),
          actorId,
          version: v,
        }));
        const expected = model.saveEvents(events);
        const saveEvents = store.saveEvents?.bind(store);
        if (saveEvents === undefined) throw new Error('the store has no saveEvents()');
        const actual = await outcomeOf(() => saveEvents(events.map((event) => this.#event(event))));
        return { what: `saveEvents ${JSON.stringify(events)}`, expected, actual };
      }
      case 'append':
      case 'retryAppend': {
        let actorId: string;
        let ids: string[];
        if (command.kind === 'append' || this.appends.length === 0) {
          actorId = this.actors[command.kind === 'append' ? command.actor : 0] as string;
          ids = (command.kind === 'append' ? command.ids : [null]).map((ref) => this.#id(ref));
        } else {
          const previous = this.appends[command.pick % this.appends.length] as {
            actorId: string;
            ids: string[];
          };
          actorId = previous.actorId;
          ids = previous.ids;
        }
        const expectedVersion = this.#expected(command.expected, actorId);
        const expected = model.appendEvents(actorId, ids, expectedVersion);
        if (expected.ok && ids.length > 0) this.appends.push({ actorId, ids });
        const appendEvents = store.appendEvents?.bind(store);
        if (appendEvents === undefined) throw new Error('the store has no appendEvents()');
        const drafts = ids.map((id, index) => ({ id, eventType: 'Modelled', data: { index } }));
        const actual = await outcomeOf(() => appendEvents(actorId, drafts, { expectedVersion }));
        return {
          what: `appendEvents ${actorId} ${JSON.stringify(ids)} expecting ${expectedVersion}`,
          expected,
          actual,
        };
      }
    }
  }

  async expectSameStreams(): Promise<void> {
    for (const actorId of this.actors) {
      expect(idsAndVersions(await this.store.getEvents(actorId)), `stream of ${actorId}`).toEqual(
        idsAndVersions(this.model.stream(actorId)),
      );
      expect(await this.store.getLatestVersion(actorId), `latest version of ${actorId}`).toBe(
        this.model.latest(actorId),
      );
    }
  }
}

/** Model-based property test: random command sequences against the store and a reference model. */
export function testModel(options: ConformanceOptions): void {
  describe(groupTitle(options, 'model'), () => {
    const stores = useStores(options);
    const timeout = timeoutOf(options);

    it(
      'answers random saveEvent/saveEvents/appendEvents sequences exactly like the reference model (property)',
      async () => {
        const store = await stores.create();
        let runs = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.array(commandArbitrary(store), { minLength: 1, maxLength: COMMANDS }),
            async (commands) => {
              runs += 1;
              const run = new ModelRun(store, `run-${runs}`);
              for (const command of commands) {
                const { what, expected, actual } = await run.step(command);
                expect(actual, what).toEqual(expected);
              }
              await run.expectSameStreams();
            },
          ),
          propertyParameters(options, RUNS, Math.floor(timeout * 0.8)),
        );
      },
      timeout,
    );
  });
}
