import fc from 'fast-check';
import type { EventMetadata, JsonObject, JsonValue } from '../types.ts';
import type { ConformanceOptions } from './options.ts';

/** The default seed of the property tests; override with `AETHER_SEED` or the `seed` option. */
export const DEFAULT_SEED = 20_240_601;

/** Seed for `fc.assert`: the option, else `AETHER_SEED`, else the default. fast-check prints it on failure. */
export function propertySeed(options: Pick<ConformanceOptions, 'seed'> = {}): number {
  if (options.seed !== undefined) return options.seed;
  const fromEnv = typeof process === 'undefined' ? undefined : process.env.AETHER_SEED;
  const parsed = fromEnv === undefined || fromEnv === '' ? Number.NaN : Number(fromEnv);
  return Number.isSafeInteger(parsed) ? parsed : DEFAULT_SEED;
}

/** `fc.assert` parameters: fixed seed, a bounded number of runs, an honest failure when time runs out. */
export function propertyParameters(options: ConformanceOptions, numRuns: number, budgetMs: number) {
  return {
    seed: propertySeed(options),
    numRuns,
    interruptAfterTimeLimit: budgetMs,
    markInterruptAsFailure: true,
  };
}

/** Characters that trip naive encoders: astral, line separators, escapes, combining marks, BOM. */
const TRICKY_UNITS = [
  '\u2028',
  '\u2029',
  '\u{1F600}',
  '\u{10FFFF}',
  '\uFFFD',
  '\uFFFF',
  '\uE000',
  '\uFEFF',
  'e\u0301',
  '"',
  '\\',
  '/',
  '\n',
  '\t',
  '\u0001',
  '\u007F',
  '\u0085',
  ' ',
];

const anyCodePoint = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .map((unit) => (unit === '\u0000' ? '\u0001' : unit));

/** One JSON-safe string unit: any code point but U+0000 (no lone surrogates), often a tricky one. */
const jsonUnit = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_UNITS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: anyCodePoint },
);

/** Strings the input domain accepts inside `data` (no U+0000, no lone surrogates). */
export const jsonString = fc.string({ unit: jsonUnit, maxLength: 12 });

/** Identifiers: 1-16 code points, none of them a control character. */
export const identifier = fc
  .string({ unit: jsonUnit, minLength: 1, maxLength: 16 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced.
  .map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '_'));

const jsonKey = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '') },
  { weight: 4, arbitrary: jsonString },
);

const jsonNumber = fc.oneof(
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.1, 5e-324, -5e-324, 1e308, -1.5e-300, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE),
);

/** Any JSON value the input domain accepts, nested a few levels. */
export const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    jsonNumber,
    jsonString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(jsonKey, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** `data` / snapshot `state`: a JSON object at the top. */
export const jsonObject: fc.Arbitrary<JsonObject> = fc.dictionary(jsonKey, jsonValue, { maxKeys: 6 });

const metadataValue = fc.string({ unit: jsonUnit, maxLength: 12 });

/** Metadata: identifier keys (standard ones often) to strings. */
export const metadata: fc.Arbitrary<EventMetadata> = fc.dictionary(
  fc.oneof(fc.constantFrom('correlationId', 'causationId', 'userId', 'traceId', 'spanId'), identifier),
  metadataValue,
  { maxKeys: 4 },
);

const MIN_TIME = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/** Millisecond timestamps anywhere in years 1-9999, the range every backend keeps exactly. */
export const timestamp = fc.integer({ min: MIN_TIME, max: MAX_TIME }).map((time) => new Date(time));

/** The generated parts of an event; the test makes ids and actor ids unique per run. */
export const eventParts = fc.record(
  {
    id: identifier,
    eventType: identifier,
    actorId: identifier,
    version: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    data: jsonObject,
    metadata,
    commandId: identifier,
    timestamp,
  },
  { requiredKeys: ['id', 'eventType', 'actorId', 'version', 'data', 'timestamp'] },
);
