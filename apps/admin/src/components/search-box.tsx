import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';

/** One box for actor, event and correlation ids; `/` focuses it from anywhere. */
export function SearchBox() {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <search className="search">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const q = text.trim();
          if (q === '') return;
          void navigate({ to: '/search', search: { q } });
        }}
      >
        <label htmlFor="global-search" className="visually-hidden">
          Search by actor id, event id or correlation id
        </label>
        <input
          id="global-search"
          ref={input}
          type="search"
          placeholder="Actor, event or correlation id  ( / )"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button">
          Go
        </button>
      </form>
    </search>
  );
}
