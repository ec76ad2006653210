import { useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { SEARCH_INPUT_ID } from '../../../config/dom-ids.ts';
import { routes } from '../../../config/paths.ts';

/**
 * The header's search box. Enter goes to `/search?q=…` (a URL that reloads and
 * can be shared); Escape leaves the box. On the results page it shows the query.
 */
export function SearchBox() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = pathname === routes.search('') ? (params.get('q') ?? '') : '';
  const [value, setValue] = useState(current);
  // Follow navigation (Back to another query, a result opened), not every keystroke:
  // the box is reset while rendering when the URL's query changes.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setValue(current);
  }

  const submit = (input: HTMLInputElement) => {
    // On a phone the keyboard would cover the results.
    if (window.matchMedia?.('(pointer: coarse)').matches) input.blur();
    void navigate(routes.search(value.trim()));
  };

  // A <search> landmark, not a <form>: the page holds no form at all, so a
  // form in an article body is always an attack (the hostile-content tests).
  return (
    <search className="search-box">
      <span className="search-box__icon" aria-hidden="true" />
      <input
        id={SEARCH_INPUT_ID}
        className="search-box__input"
        type="search"
        name="q"
        aria-label="搜索"
        placeholder="搜索文章"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={100}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          // Enter while an input method is composing picks a candidate; it is not a search.
          if (event.key === 'Enter' && !event.nativeEvent.isComposing && event.keyCode !== 229) {
            event.preventDefault();
            submit(event.currentTarget);
          } else if (event.key === 'Escape') {
            // Chromium's search field would clear itself; leaving it is what Escape means here.
            event.preventDefault();
            event.currentTarget.blur();
          }
        }}
      />
      <kbd className="search-box__hint" aria-hidden="true">
        /
      </kbd>
    </search>
  );
}
