import type { ReactNode } from 'react';
import { isApiError, isUnreachable } from '../api/api-error.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="state state-empty" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function NotFoundState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="state state-not-found" aria-label={title} data-state="not-found">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Any failed load: says what went wrong in words, keeps the API's code, and offers a retry. */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const unreachable = isUnreachable(error);
  const heading = title ?? (unreachable ? 'The Aether API cannot be reached' : 'Something went wrong');
  return (
    <section className="state state-error" role="alert" data-state={unreachable ? 'api-down' : 'error'}>
      <h2>{heading}</h2>
      {unreachable ? (
        <p>
          The console could not get an answer from the API. Check that <code>aether serve</code> is running,
          then try again.
        </p>
      ) : (
        <p>{error instanceof Error ? error.message : String(error)}</p>
      )}
      {isApiError(error) && (
        <p className="muted">
          Error code <code>{error.code}</code>
          {error.status > 0 ? ` (HTTP ${error.status})` : ''}
        </p>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </section>
  );
}
