import { Link } from '@tanstack/react-router';
import { shortId } from '../lib/format.ts';

const LABELS: Record<string, string> = {
  correlationId: 'correlation',
  causationId: 'causation',
  userId: 'user',
  traceId: 'trace',
  spanId: 'span',
};

const label = (key: string) => LABELS[key] ?? key;

/** Metadata as small chips; plain text inside list rows (a row is already one link). */
export function MetadataChips({ metadata }: { metadata: Record<string, string> | undefined }) {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) return null;
  return (
    <span className="chips">
      {entries.map(([key, value]) => (
        <span key={key} className={`chip chip-${LABELS[key] ? key : 'custom'}`} title={`${key}: ${value}`}>
          <span className="chip-key">{label(key)}</span> {shortId(value, 12)}
        </span>
      ))}
    </span>
  );
}

/** Metadata with links: the correlation id opens the trace, the causation id opens the cause. */
export function MetadataLinks({
  metadata,
  eventId,
}: {
  metadata: Record<string, string> | undefined;
  eventId: string;
}) {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) return <p className="muted">No metadata.</p>;
  return (
    <dl className="metadata">
      {entries.map(([key, value]) => (
        <div key={key} className="metadata-row">
          <dt>{key}</dt>
          <dd>
            {key === 'correlationId' ? (
              <Link to="/traces/$correlationId" params={{ correlationId: value }} search={{ event: eventId }}>
                {value}
              </Link>
            ) : key === 'causationId' ? (
              <Link to="/events/$eventId" params={{ eventId: value }}>
                {value}
              </Link>
            ) : (
              <code>{value}</code>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
