/** Ids that one part of the app looks up in another's markup. */

/** The header's search box, which the `/` shortcut focuses. */
export const SEARCH_INPUT_ID = 'site-search';
