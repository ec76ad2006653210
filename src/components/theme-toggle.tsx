import { useState } from 'react';
import { applyTheme, NEXT_THEME, readTheme, THEME_LABEL } from '../lib/theme.ts';

const ICON = { system: '◐', light: '☀', dark: '☾' } as const;

/** Cycles system → light → dark; the choice is remembered. */
export function ThemeToggle() {
  const [theme, setTheme] = useState(readTheme);
  const next = NEXT_THEME[theme];
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={`主题：${THEME_LABEL[theme]}（切换为${THEME_LABEL[next]}）`}
      title={`主题：${THEME_LABEL[theme]}`}
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true">{ICON[theme]}</span>
    </button>
  );
}
