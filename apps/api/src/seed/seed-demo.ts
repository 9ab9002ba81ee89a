import type { AetherStore, Event } from '@aether/core';
import {
  buildDemoDataset,
  DEMO_DATASET_VERSION,
  DEMO_SEED_MARKER_ACTOR,
  type DemoDatasetOptions,
} from './demo-dataset.ts';

export interface SeedProgress {
  written: number;
  total: number;
}

export interface SeedDemoOptions extends DemoDatasetOptions {
  /** Write even when the store says it is seeded (every write is an idempotent retry then). */
  force?: boolean;
  /** Called as batches land. */
  onProgress?: (progress: SeedProgress) => void;
  /** Batches written at once within a slice; default 8. */
  concurrency?: number;
}

export interface SeedResult {
  /** True when the store was already seeded and nothing was written. */
  skipped: boolean;
  events: number;
  actors: number;
  snapshots: number;
}

const MARKER_EVENT_ID = '019b8d1c-0000-7000-8000-00000000a37e';

/** Whether `seedDemo` has completed on this store. */
export async function isDemoSeeded(store: AetherStore): Promise<boolean> {
  return (await store.getLatestVersion(DEMO_SEED_MARKER_ACTOR)) >= 1;
}

async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Writes the demo dataset. Every event has a fixed id and version, so a second run (or a run after an
 * interrupted one) stores nothing twice: `saveEvents` treats the events already stored as idempotent
 * retries. A marker event, written last, lets later runs skip the work.
 */
export async function seedDemo(store: AetherStore, options: SeedDemoOptions = {}): Promise<SeedResult> {
  const dataset = buildDemoDataset(options);
  const summary = {
    events: dataset.eventCount,
    actors: dataset.actorCount,
    snapshots: dataset.snapshots.length,
  };
  if (!options.force && (await isDemoSeeded(store))) return { skipped: true, ...summary };

  let written = 0;
  for (const slice of dataset.batches) {
    await eachLimited(slice, options.concurrency ?? 8, async (batch: Event[]) => {
      await store.saveEvents(batch);
      written += batch.length;
    });
    options.onProgress?.({ written, total: dataset.eventCount });
  }
  for (const snapshot of dataset.snapshots) await store.saveSnapshot(snapshot);
  const last = dataset.batches.at(-1)?.at(-1)?.at(-1);
  await store.saveEvent({
    id: MARKER_EVENT_ID,
    actorId: DEMO_SEED_MARKER_ACTOR,
    eventType: 'DemoSeeded',
    version: 1,
    data: { datasetVersion: DEMO_DATASET_VERSION, ...summary },
    timestamp: last?.timestamp ?? new Date(0),
  });
  return { skipped: false, ...summary };
}
