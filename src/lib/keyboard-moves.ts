// What j, k and s do (use-keyboard-shortcuts.ts says when): loaded with the first of them, not
// with the home route's script (decision 0007).

/** The id in the address (`…/article/<id>[/photo/n]`), or undefined off an article. */
function addressedArticle(): string | undefined {
  const path = window.location.pathname;
  const at = path.lastIndexOf('/article/');
  if (at === -1) return undefined;
  const segment = path.slice(at + '/article/'.length).split('/')[0] ?? '';
  try {
    return decodeURIComponent(segment).normalize('NFC');
  } catch {
    return undefined;
  }
}

/** Off an article, true; on one, whether the article on screen is the one the address names. */
function showsAddressedArticle(): boolean {
  const id = addressedArticle();
  if (id === undefined) return true;
  const shown = document.querySelector<HTMLElement>('[data-article-id]');
  return shown?.dataset.articleId === id;
}

/**
 * j / k: on an article, go to the next (older) or previous (newer) one; on a list, move focus
 * between the articles. `s` saves (or unsaves) the article on screen or the card with focus.
 * `busy` says whether a move to another article is under way (set here when one starts).
 */
export function moveByKey(key: string, busy: { current: boolean }): void {
  if (key === 's') {
    // The article on screen, or the card that has focus (j / k move it).
    const scope = document.activeElement?.closest('article') ?? document.querySelector('[data-article-id]');
    const save = scope?.querySelector('[data-save]');
    if (save instanceof HTMLButtonElement && !save.disabled) save.click();
    return;
  }
  // A key during a move to another article would apply to the one still on screen and land
  // on a third: it waits until the article the address names is the one shown.
  if (busy.current || !showsAddressedArticle()) return;
  const neighbour = document.querySelector<HTMLAnchorElement>(`[data-article-nav="${key === 'j' ? 'next' : 'prev'}"]`);
  if (neighbour) {
    busy.current = true;
    neighbour.click();
    return;
  }
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('[data-card-link]'));
  const current = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = current === -1 ? 0 : Math.min(links.length - 1, Math.max(0, current + (key === 'j' ? 1 : -1)));
  links[next]?.focus();
  links[next]?.closest('article')?.scrollIntoView({ block: 'nearest' });
}
