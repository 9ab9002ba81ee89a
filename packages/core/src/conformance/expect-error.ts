import { expect } from 'vitest';
import { type AetherError, type ErrorCode, isAetherError } from '../errors.ts';

function describeOutcome(value: unknown): string {
  if (isAetherError(value)) return `AetherError ${value.code} (${value.message})`;
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return String(value);
}

/**
 * Awaits `action` (a promise, or a function whose synchronous throw counts as a rejection) and asserts
 * it fails with an Aether error of `code`, and at `path` when one is given. Returns the error.
 */
export async function expectAetherError(
  action: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  context = '',
  path?: string,
): Promise<AetherError> {
  const label = context === '' ? '' : `${context}: `;
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    const value = await (typeof action === 'function' ? action() : action);
    outcome = { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error };
  }
  if (outcome.ok) {
    expect.fail(`${label}expected ${code} but the call succeeded`);
  }
  const { error } = outcome;
  if (!isAetherError(error, code)) {
    expect.fail(`${label}expected ${code} but got ${describeOutcome(error)}`);
  }
  if (path !== undefined) {
    expect(error.path, `${label}path of the ${code} error`).toBe(path);
  }
  return error;
}
