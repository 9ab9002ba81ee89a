// U+2028 and U+2029 in data strings are turned into newlines, as a naive encoder might.
import type { Event, JsonObject } from '@aether/core';
import { runMutant } from './run-mutant.ts';

function mangle(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(/[\u2028\u2029]/g, '\n');
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => mangle(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mangle(item, depth + 1)]));
}

await runMutant('mangled-line-separators', (store) => ({
  ...store,
  saveEvent: (event) =>
    store.saveEvent(event?.data ? ({ ...event, data: mangle(event.data) as JsonObject } as Event) : event),
}));
