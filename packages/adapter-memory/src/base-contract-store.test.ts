// The suite against a store with only the seed's three methods: the groups for the base contract run,
// every other group is reported as not supported, with a test that checks the method is really absent.
import type { EventStore } from '@aether/core';
import { conformanceGroups, runConformanceSuite } from '@aether/core/conformance';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from './memory-event-store.ts';

function baseContractStore(): EventStore {
  const store = createMemoryEventStore();
  return {
    saveEvent: (event) => store.saveEvent(event),
    getEvents: (actorId, fromVersion) => store.getEvents(actorId, fromVersion),
    getLatestVersion: (actorId) => store.getLatestVersion(actorId),
  };
}

const warnings: string[] = [];
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
};
try {
  await runConformanceSuite({ name: 'memory, base contract only', createStore: baseContractStore });
} finally {
  console.warn = warn;
}

describe('runConformanceSuite on a store without extensions or hooks', () => {
  it('prints one line naming every group it did not run', () => {
    const skipped = conformanceGroups.filter((group) => group.methods.length > 0 || group.hooks.length > 0);
    expect(warnings).toHaveLength(1);
    for (const group of skipped) expect(warnings[0]).toContain(`${group.name} (`);
    expect(warnings[0]).toContain('store has no saveEvents');
    expect(warnings[0]).toContain('options have no reopen');
    for (const group of conformanceGroups.filter((candidate) => !skipped.includes(candidate))) {
      expect(warnings[0]).not.toContain(`${group.name} (`);
    }
  });
});
