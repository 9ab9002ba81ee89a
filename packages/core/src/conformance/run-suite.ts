import { describe, expect, it } from 'vitest';
import type { AnyEventStore } from '../types.ts';
import { type ConformanceGroup, type ConformanceHook, conformanceGroups } from './groups.ts';
import { groupTitle, timeoutOf } from './harness.ts';
import type { ConformanceOptions } from './options.ts';

interface Support {
  group: ConformanceGroup;
  missingMethods: string[];
  missingHooks: ConformanceHook[];
}

function hasMethod(store: AnyEventStore, method: string): boolean {
  return typeof (store as unknown as Record<string, unknown>)[method] === 'function';
}

/** Opens one store to see which methods it has, then closes and cleans it up. */
async function probe(options: ConformanceOptions): Promise<Support[]> {
  const store = await options.createStore();
  try {
    return conformanceGroups.map((group) => ({
      group,
      missingMethods: group.methods.filter((method) => !hasMethod(store, method)),
      missingHooks: group.hooks.filter((hook) => options[hook] === undefined),
    }));
  } finally {
    await store.close?.();
    await options.cleanup?.(store);
  }
}

function reasonOf({ missingMethods, missingHooks }: Support): string {
  const reasons = [
    ...missingMethods.map((method) => `store has no ${method}`),
    ...missingHooks.map((hook) => `options have no ${hook}`),
  ];
  return reasons.join(', ');
}

/** Registers, for a group the store cannot run, one test that checks it really cannot. */
function registerUnsupported(options: ConformanceOptions, support: Support): void {
  const { group, missingMethods, missingHooks } = support;
  describe(groupTitle(options, group.name), () => {
    it(
      `${group.name}: not supported (${reasonOf(support)})`,
      async () => {
        for (const hook of missingHooks) expect(options[hook], `the ${hook} hook`).toBeUndefined();
        if (missingMethods.length === 0) return;
        const store = await options.createStore();
        try {
          for (const method of missingMethods)
            expect(hasMethod(store, method), `store.${method}`).toBe(false);
        } finally {
          await store.close?.();
          await options.cleanup?.(store);
        }
      },
      timeoutOf(options),
    );
  });
}

/**
 * Registers the whole conformance suite for a store. Call it with top-level await from a test file:
 * `await runConformanceSuite({ name: 'my-store', createStore: () => createMyStore() })`.
 * Groups whose methods or hooks are missing get one test asserting that they are, and are listed
 * in one warning line.
 */
export async function runConformanceSuite<S extends AnyEventStore>(
  options: ConformanceOptions<S>,
): Promise<void> {
  const general = options as unknown as ConformanceOptions;
  const supports = await probe(general);
  const skipped: string[] = [];
  for (const support of supports) {
    if (support.missingMethods.length === 0 && support.missingHooks.length === 0) {
      support.group.register(general);
    } else {
      skipped.push(`${support.group.name} (${reasonOf(support)})`);
      registerUnsupported(general, support);
    }
  }
  if (skipped.length > 0) {
    console.warn(`aether conformance: ${options.name}: groups not run: ${skipped.join('; ')}`);
  }
}
