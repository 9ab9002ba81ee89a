import { useState } from 'react';
import { applyThemeChoice, readThemeChoice, THEME_CHOICES, type ThemeChoice } from '../lib/theme.ts';

const NAMES: Record<ThemeChoice, string> = {
  system: 'System theme',
  light: 'Light theme',
  dark: 'Dark theme',
};

/** Cycles system -> light -> dark; `system` follows prefers-color-scheme. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length] as ThemeChoice;
  return (
    <button
      type="button"
      className="button button-ghost"
      aria-label={`${NAMES[choice]}; switch to ${NAMES[next].toLowerCase()}`}
      title={`${NAMES[choice]} (click for ${NAMES[next].toLowerCase()})`}
      onClick={() => {
        applyThemeChoice(next);
        setChoice(next);
      }}
    >
      <span aria-hidden="true">{choice === 'dark' ? '☾' : choice === 'light' ? '☀' : '◐'}</span>{' '}
      {choice[0]?.toUpperCase()}
      {choice.slice(1)}
    </button>
  );
}
