import { diffJson } from '../lib/json-diff.ts';

const preview = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
};

const SIGN = { added: '+', removed: '−', changed: '~' } as const;

/** The change in `data` from the previous event of the same actor, one line per path. */
export function JsonDiffView({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const changes = diffJson(before, after);
  if (changes.length === 0) return <p className="muted">No change in data.</p>;
  return (
    <table className="diff" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Change</span>
          </th>
          <th scope="col">Path</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={`${change.kind}:${change.path}`} className={`diff-${change.kind}`}>
            <td aria-label={change.kind}>{SIGN[change.kind]}</td>
            <td>
              <code>{change.path || '(whole value)'}</code>
            </td>
            <td>
              <code>{change.kind === 'added' ? '' : preview(change.before)}</code>
            </td>
            <td>
              <code>{change.kind === 'removed' ? '' : preview(change.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
