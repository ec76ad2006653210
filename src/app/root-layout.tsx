import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { ThemeToggle } from '../components/theme-toggle.tsx';
import { routes, SITE_NAME } from '../config/paths.ts';
import { useManifest } from '../features/articles/api/get-manifest.ts';
import { CategoryNav } from '../features/articles/components/category-nav.tsx';
import { SearchBox } from '../features/search/components/search-box.tsx';
import { useKeyboardShortcuts } from '../lib/use-keyboard-shortcuts.ts';

const ShortcutsDialog = lazy(() =>
  import('../components/shortcuts-dialog.tsx').then((module) => ({ default: module.ShortcutsDialog })),
);

export function RootLayout({ children }: { children?: React.ReactNode }) {
  const manifest = useManifest();
  const navigation = useNavigation();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  const location = useLocation();
  useKeyboardShortcuts(openHelp, navigation.state !== 'idle', location.key);
  // A prerendered page (decision 0015) is the app's from here on: it says so (tests wait for it).
  useEffect(() => document.getElementById('root')?.removeAttribute('data-prerendered'), []);

  return (
    <>
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <Link className="site-header__name" to="/">
            {SITE_NAME}
          </Link>
          <SearchBox />
          <div className="site-header__tools">
            <Link className="icon-button" to={routes.saved()} aria-label="收藏" title="收藏与阅读记录">
              <span aria-hidden="true">☆</span>
            </Link>
            <button
              type="button"
              className="icon-button keys-button"
              aria-label="键盘快捷键"
              title="键盘快捷键 (?)"
              onClick={openHelp}
            >
              <span aria-hidden="true">?</span>
            </button>
            <ThemeToggle />
          </div>
        </div>
        <CategoryNav manifest={manifest.data} />
        <div className={navigation.state === 'loading' ? 'progress progress--active' : 'progress'} aria-hidden="true" />
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <footer className="site-footer">
        <p>
          {manifest.data ? `共 ${manifest.data.total} 篇文章` : '\u00a0'} · 按 <kbd>?</kbd> 查看快捷键
        </p>
      </footer>
      <ScrollRestoration />
      {helpOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog onClose={() => setHelpOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
