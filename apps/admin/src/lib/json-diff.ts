/** One difference between two JSON values, at a path written as in JavaScript (`items[2].price`). */
export interface JsonChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (IDENTIFIER.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What changed from `before` to `after`, deepest paths first reported in key order. Objects are
 * compared key by key, arrays index by index; anything else (or a change of kind) is one `changed`.
 * Stops after `limit` changes so a huge rewrite stays cheap to show.
 */
export function diffJson(before: unknown, after: unknown, limit = 200): JsonChange[] {
  const changes: JsonChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (changes.length >= limit) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key))
          changes.push({ path: joinPath(path, key), kind: 'removed', before: a[key] });
        else walk(a[key], b[key], joinPath(path, key));
        if (changes.length >= limit) return;
      }
      for (const key of Object.keys(b)) {
        if (!Object.hasOwn(a, key)) changes.push({ path: joinPath(path, key), kind: 'added', after: b[key] });
        if (changes.length >= limit) return;
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const shared = Math.min(a.length, b.length);
      for (let i = 0; i < shared; i++) walk(a[i], b[i], joinPath(path, i));
      for (let i = shared; i < a.length; i++)
        changes.push({ path: joinPath(path, i), kind: 'removed', before: a[i] });
      for (let i = shared; i < b.length; i++)
        changes.push({ path: joinPath(path, i), kind: 'added', after: b[i] });
      if (changes.length > limit) changes.length = limit;
      return;
    }
    if (!Object.is(a, b)) changes.push({ path, kind: 'changed', before: a, after: b });
  };
  walk(before, after, '');
  return changes;
}
