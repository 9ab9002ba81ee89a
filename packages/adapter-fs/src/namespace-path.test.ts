import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { MAX_NAMESPACE_BYTES, namespaceDirectoryName, validateNamespace } from './namespace-path.ts';

const validNamespace = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((text) => {
  try {
    validateNamespace(text);
    return true;
  } catch {
    return false;
  }
});

describe('namespace directory names', () => {
  it('keeps a-z, 0-9 and - and escapes everything else', () => {
    expect(namespaceDirectoryName('default')).toBe('ns.default');
    expect(namespaceDirectoryName('../x')).toBe('ns._2e_2e_2fx');
    expect(namespaceDirectoryName('CON')).toBe('ns._43_4f_4e');
    expect(namespaceDirectoryName('a_b')).toBe('ns.a_5fb');
    expect(namespaceDirectoryName('\u00e9')).toBe('ns._c3_a9');
    expect(namespaceDirectoryName('e\u0301')).toBe('ns.e_cc_81');
  });

  test.prop([validNamespace], { seed: Number(process.env.AETHER_SEED ?? 4), numRuns: 300 })(
    'is plain lower-case ASCII, short enough for any file system, and decodes back',
    (namespace) => {
      const name = namespaceDirectoryName(namespace);
      expect(name).toMatch(/^ns\.[a-z0-9_-]+$/);
      expect(name.length).toBeLessThanOrEqual(3 + 3 * MAX_NAMESPACE_BYTES);
      const bytes = name
        .slice(3)
        .replace(/_([0-9a-f]{2})|([a-z0-9-])/g, (_match, hex: string, plain: string) =>
          hex === undefined ? plain : String.fromCharCode(Number.parseInt(hex, 16)),
        );
      expect(Buffer.from(bytes, 'latin1').toString('utf8')).toBe(namespace);
    },
  );

  test.prop([validNamespace, validNamespace], { seed: Number(process.env.AETHER_SEED ?? 4), numRuns: 300 })(
    'gives distinct namespaces distinct names',
    (a, b) => {
      fc.pre(a !== b);
      expect(namespaceDirectoryName(a)).not.toBe(namespaceDirectoryName(b));
    },
  );
});
