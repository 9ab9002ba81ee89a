import type { JsonObject, JsonValue } from './types.ts';

/** Deepest nesting of objects and arrays accepted in `data`, `state` and `metadata`. */
export const MAX_JSON_DEPTH = 256;

/** Why a value is not plain JSON, and where. */
export class JsonDomainError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

/** True when `text` has no unpaired UTF-16 surrogate (it then encodes to UTF-8 losslessly). */
export function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function checkJsonString(text: string, path: string): void {
  if (text.includes('\u0000')) throw new JsonDomainError(path, 'contains U+0000, which stores cannot keep');
  if (!isWellFormed(text)) throw new JsonDomainError(path, 'contains a lone UTF-16 surrogate');
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'bigint') return 'a bigint';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null) {
    const name = Object.getPrototypeOf(value)?.constructor?.name;
    return name ? `an instance of ${name}` : 'an object that is not plain';
  }
  return typeof value;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

// Assigning `__proto__` with `=` would change the prototype instead of adding a key.
function setOwn(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Deep-copies a plain JSON value, or throws `JsonDomainError` naming the first offending path.
 * Object properties whose value is `undefined` are dropped (as `JSON.stringify` does); `-0` becomes `0`.
 */
export function copyJsonValue(value: unknown, path: string, ancestors: Set<object> = new Set()): JsonValue {
  switch (typeof value) {
    case 'string':
      checkJsonString(value, path);
      return value;
    case 'number':
      if (!Number.isFinite(value))
        throw new JsonDomainError(path, `${describe(value)} is not a finite number`);
      return value === 0 ? 0 : value;
    case 'boolean':
      return value;
    case 'object': {
      if (value === null) return null;
      if (ancestors.has(value)) throw new JsonDomainError(path, 'is a cycle back to an enclosing object');
      if (ancestors.size >= MAX_JSON_DEPTH)
        throw new JsonDomainError(path, `nests deeper than ${MAX_JSON_DEPTH}`);
      ancestors.add(value);
      try {
        if (Array.isArray(value)) return copyJsonArray(value, path, ancestors);
        if (!isPlainObject(value)) throw new JsonDomainError(path, `${describe(value)} is not plain JSON`);
        return copyJsonObjectEntries(value as Record<string, unknown>, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    }
    default:
      throw new JsonDomainError(path, `${describe(value)} is not a JSON value`);
  }
}

function copyJsonArray(value: unknown[], path: string, ancestors: Set<object>): JsonValue[] {
  if (Object.getPrototypeOf(value) !== Array.prototype) {
    throw new JsonDomainError(path, `${describe(value)} is not a plain array`);
  }
  const out: JsonValue[] = new Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const itemPath = `${path}[${index}]`;
    if (!(index in value)) throw new JsonDomainError(itemPath, 'is a hole in a sparse array');
    const item = value[index];
    if (item === undefined) throw new JsonDomainError(itemPath, 'undefined is not a JSON value');
    out[index] = copyJsonValue(item, itemPath, ancestors);
  }
  return out;
}

function copyJsonObjectEntries(
  value: Record<string, unknown>,
  path: string,
  ancestors: Set<object>,
): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const itemPath = childPath(path, key);
    checkJsonString(key, `${itemPath} (key)`);
    setOwn(out, key, copyJsonValue(item, itemPath, ancestors));
  }
  return out;
}

/** Deep-copies a plain JSON object (not an array, not null), or throws `JsonDomainError`. */
export function copyJsonObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value)) {
    throw new JsonDomainError(path, `${describe(value)} is not a plain JSON object`);
  }
  return copyJsonValue(value, path) as JsonObject;
}
