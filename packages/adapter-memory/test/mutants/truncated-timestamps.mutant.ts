// Timestamps are stored to the second, losing milliseconds.
import type { Event } from '@aether/core';
import { runMutant } from './run-mutant.ts';

const toSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

await runMutant('truncated-timestamps', (store) => ({
  ...store,
  saveEvent: (event) =>
    store.saveEvent(
      event?.timestamp instanceof Date
        ? ({ ...event, timestamp: toSeconds(event.timestamp) } as Event)
        : event,
    ),
}));
