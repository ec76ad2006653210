import { PipelineError } from '../report.ts';

/**
 * The site's public address (`--site-url`, `SITE_URL`), checked: absolute http(s), no query or
 * fragment. Returned ending in `/`, so that `new URL('article/x', site)` stays under a site
 * published in a sub-folder.
 */
export function checkSiteUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PipelineError(`--site-url must be an absolute address such as https://news.example.cn/, not "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new PipelineError(`--site-url must be an http or https address, not "${value}"`);
  if (url.search || url.hash || url.username || url.password)
    throw new PipelineError(`--site-url must be a plain address, without a query, fragment or login: "${value}"`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
