import { type ReactNode, useState } from 'react';

/**
 * Pretty-printed JSON with coloured tokens. Every value becomes a React text node, so markup inside
 * events is shown as the characters it is made of and never parsed as HTML.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard
      ?.writeText(JSON.stringify(value, null, 2))
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  };
  return (
    <figure className="json-block" aria-label={label}>
      <figcaption className="json-toolbar">
        <span className="muted">{label}</span>
        <button type="button" className="button button-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy JSON'}
        </button>
      </figcaption>
      <pre className="json">{renderValue(value, 0)}</pre>
    </figure>
  );
}

const INDENT = '  ';

function renderValue(value: unknown, depth: number): ReactNode {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return (
      <>
        {'[\n'}
        {value.map((item, index) => (
          // Positions are the identity of array items in a rendered snapshot of JSON.
          // biome-ignore lint/suspicious/noArrayIndexKey: items have no other identity
          <span key={index}>
            {pad}
            {renderValue(item, depth + 1)}
            {index < value.length - 1 ? ',\n' : '\n'}
          </span>
        ))}
        {`${close}]`}
      </>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return (
      <>
        {'{\n'}
        {entries.map(([key, item], index) => (
          <span key={key}>
            {pad}
            <span className="json-key">{JSON.stringify(key)}</span>
            {': '}
            {renderValue(item, depth + 1)}
            {index < entries.length - 1 ? ',\n' : '\n'}
          </span>
        ))}
        {`${close}}`}
      </>
    );
  }
  return String(value);
}
