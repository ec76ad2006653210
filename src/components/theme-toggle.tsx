import { useState } from 'react';
import { useHydrated } from '../lib/use-hydrated.ts';
import { applyTheme, NEXT_THEME, readTheme, THEME_LABEL, type ThemeChoice } from '../lib/theme.ts';

const ICON = { system: '◐', light: '☀', dark: '☾' } as const;

/** Cycles system → light → dark; the choice is remembered. */
export function ThemeToggle() {
  // The remembered choice is the browser's: a prerendered page shows "system" until hydrated.
  const hydrated = useHydrated();
  const [chosen, setTheme] = useState<ThemeChoice>();
  const theme = chosen ?? (hydrated ? readTheme() : 'system');
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
