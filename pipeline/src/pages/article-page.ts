import { type ArticleSummary, dataPaths } from '../../../src/lib/content-contract.ts';
import { escapeMarkup } from './escape-markup.ts';

/** Also in src/config/paths.ts (the app's document titles); the pipeline shares no app code. */
const SITE_NAME = '新闻阅读';

/**
 * Articles' addresses on the site: `/article/<id>`, the id percent-encoded as the app does. The
 * base is resolved once: a sitemap of 100,000 addresses parsed each as a URL took 0.1 s.
 */
export function articleUrls(site: URL): (id: string) => string {
  const base = new URL('article/', site).href;
  return (id) => `${base}${encodeURIComponent(id)}`;
}

/**
 * The head of an article's entry page: the title the app gives it, the excerpt as description,
 * and what chat apps and search engines read for a link preview (Open Graph, Twitter card,
 * canonical link). Without a site address, what must be absolute is left out.
 */
export function articleHead(summary: ArticleSummary, site: URL | undefined, base?: string): string {
  const tags: string[] = [];
  if (base !== undefined) {
    // The data the app asks for first, fetched while its script loads instead of after it ran.
    for (const file of [dataPaths.manifest(), dataPaths.article(summary.id)]) {
      const href = `${base}data/${file.split('/').map(encodeURIComponent).join('/')}`;
      tags.push(`<link rel="preload" href="${escapeMarkup(href)}" as="fetch" crossorigin />`);
    }
  }
  const meta = (attribute: 'name' | 'property', key: string, content: string) =>
    tags.push(`<meta ${attribute}="${key}" content="${escapeMarkup(content)}" />`);
  tags.push(`<title>${escapeMarkup(`${summary.title} · ${SITE_NAME}`)}</title>`);
  meta('name', 'description', summary.excerpt);
  const url = site && articleUrls(site)(summary.id);
  if (url) tags.push(`<link rel="canonical" href="${escapeMarkup(url)}" />`);
  meta('property', 'og:type', 'article');
  meta('property', 'og:site_name', SITE_NAME);
  meta('property', 'og:locale', 'zh_CN');
  meta('property', 'og:title', summary.title);
  meta('property', 'og:description', summary.excerpt);
  if (url) meta('property', 'og:url', url);
  const image = summary.cover && absolute(summary.cover, site);
  if (image) meta('property', 'og:image', image);
  meta('property', 'article:published_time', summary.date);
  if (summary.updated) meta('property', 'article:modified_time', summary.updated);
  if (summary.author) meta('property', 'article:author', summary.author);
  for (const category of summary.categories.slice(0, 1)) meta('property', 'article:section', category);
  for (const tag of summary.tags) meta('property', 'article:tag', tag);
  meta('name', 'twitter:card', image ? 'summary_large_image' : 'summary');
  return tags.join('\n    ');
}

/** A photo's address as a preview needs it: absolute http(s), or nothing. */
function absolute(src: string, site: URL | undefined): string | undefined {
  if (/^https?:\/\//i.test(src)) return src;
  if (!site) return undefined;
  const url = new URL(src.replace(/^\/+/, ''), site);
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/**
 * The app's page (the built index.html) with an article's head in place of its own title and
 * description. The rest stays byte for byte: the same scripts, styles and CSP, so the app starts
 * as on any other address.
 */
export class PageTemplate {
  private readonly before: string;
  private readonly after: string;
  /**
   * The app's base path (Vite's `base`, ending in `/`), read from its module script
   * (`<base>assets/index-….js`): where its data lives. Undefined when the page has no such script.
   */
  readonly base: string | undefined;

  constructor(html: string) {
    this.base = /<script\b[^>]*\bsrc="([^"]*\/)assets\/[^"]+\.js"/i.exec(html)?.[1];
    const head = /<\/head\s*>/i.exec(html);
    if (!head) throw new Error('it has no </head>');
    // The shell's own title and description give way to the article's, where the title was.
    const title = /<title>[\s\S]*?<\/title>\s*/i.exec(html.slice(0, head.index));
    const at = title ? title.index : head.index;
    const rest = title ? html.slice(at + title[0].length) : html.slice(at);
    this.before = html.slice(0, at).replace(/<meta\s+name="description"[^>]*>\s*/i, '');
    this.after = rest.replace(/<meta\s+name="description"[^>]*>\s*/i, '');
  }

  page(head: string): string {
    return `${this.before}${head}\n    ${this.after}`;
  }
}
