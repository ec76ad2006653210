import { dataHref, dataPaths } from '../../../src/lib/content-contract.ts';

/** The feeds' folder under the data folder: every feed is in it, and nothing else. */
export const FEEDS_FOLDER = 'feeds';

/** How many of a list's newest articles its feeds carry. */
export const FEED_LENGTH = 50;

/** The addresses of a list's feeds on the site: under the data folder, as the app fetches data. */
export function feedUrls(slug: string, site: URL): { atom: string; json: string } {
  return {
    atom: dataHref(site.href, dataPaths.feedAtom(slug)),
    json: dataHref(site.href, dataPaths.feedJson(slug)),
  };
}
