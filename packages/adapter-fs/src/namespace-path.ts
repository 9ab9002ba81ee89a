import { AetherError, ErrorCode } from '@aether/core';

export const DEFAULT_NAMESPACE = 'default';
/** Longest namespace in UTF-8 bytes; its encoded directory name stays far below 255 bytes. */
export const MAX_NAMESPACE_BYTES = 64;

function invalid(message: string): AetherError {
  return new AetherError(ErrorCode.INVALID_ARGUMENT, `namespace ${message}`, { path: 'namespace' });
}

/** Checks a namespace: a well-formed string of 1-64 UTF-8 bytes without control characters. */
export function validateNamespace(input: unknown): string {
  if (input === undefined) return DEFAULT_NAMESPACE;
  if (typeof input !== 'string') throw invalid(`must be a string, got ${typeof input}`);
  if (input.length === 0) throw invalid('must not be empty');
  if (!(input as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw invalid('contains a lone UTF-16 surrogate');
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(input)) throw invalid('contains a control character');
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes > MAX_NAMESPACE_BYTES) throw invalid(`is ${bytes} UTF-8 bytes; at most ${MAX_NAMESPACE_BYTES}`);
  return input;
}

/**
 * The directory name of a namespace: `ns.` followed by its UTF-8 bytes, where `a-z`, `0-9` and `-`
 * stand for themselves and every other byte is `_` plus two hex digits. The result is plain
 * lower-case ASCII, so no namespace can name a parent (`..`), an absolute path, a reserved device
 * (`CON`, `NUL`: the `ns.` prefix is the base name), or collide with another one on a case-folding or
 * normalising file system; distinct strings (normalisation twins included) give distinct names.
 */
export function namespaceDirectoryName(namespace: string): string {
  let name = 'ns.';
  for (const byte of Buffer.from(namespace, 'utf8')) {
    const plain = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d;
    name += plain ? String.fromCharCode(byte) : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return name;
}
