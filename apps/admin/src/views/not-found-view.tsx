import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { ErrorState, NotFoundState } from '../components/states.tsx';

export function NotFoundView() {
  return (
    <NotFoundState title="No such page">
      <p>
        This address is not a page of the console. Start from the <Link to="/actors">actors</Link> or search
        for an id above.
      </p>
    </NotFoundState>
  );
}

/** Last line of defence: a render error shows a message and a way back, never a blank page. */
export function RouteErrorView({ error, reset }: ErrorComponentProps) {
  return <ErrorState error={error} onRetry={reset} title="This view failed to render" />;
}
