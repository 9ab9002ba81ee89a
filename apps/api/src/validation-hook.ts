import type { Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import type { ErrorBody } from './error-status.ts';

type Issue = { path: PropertyKey[]; message: string };

/** `events[0].data` from zod's path `['events', 0, 'data']`. */
function fieldOf(path: readonly PropertyKey[]): string {
  let field = '';
  for (const part of path) {
    if (typeof part === 'number') field += `[${part}]`;
    else field += field === '' ? String(part) : `.${String(part)}`;
  }
  return field;
}

/**
 * Answers a request whose shape does not fit a route schema with 400 and the first failing field.
 * Event fields are `INVALID_EVENT`, as core calls them; anything else is `INVALID_ARGUMENT`.
 */
export const validationHook: Hook<unknown, Env, string, Response | undefined> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues as Issue[];
  const first = issues[0];
  // The whole JSON body is `body`, as for a body that does not parse.
  const whole = result.target === 'json' ? 'body' : result.target;
  const field = first === undefined ? whole : fieldOf(first.path) || whole;
  const code = result.target === 'json' && first?.path[0] === 'events' ? 'INVALID_EVENT' : 'INVALID_ARGUMENT';
  const body: ErrorBody = {
    error: {
      code,
      message: `${field}: ${first?.message ?? 'invalid'}`,
      details: {
        field,
        in: result.target,
        issues: issues.slice(0, 10).map((issue) => ({ field: fieldOf(issue.path), message: issue.message })),
      },
    },
  };
  return c.json(body, 400);
};
