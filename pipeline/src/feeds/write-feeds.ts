import { Feed, type FeedOptions, type Item } from 'feed';
import { ALL_SLUG, type Article } from '../../../src/lib/content-contract.ts';
import { escapeMarkup } from '../pages/escape-markup.ts';
import { articleUrls } from '../pages/article-page.ts';
import { categoryUrl } from '../pages/category-page.ts';
import { SITE_NAME } from '../pages/head-tags.ts';
import { feedHtml, xmlSafe } from './feed-html.ts';
import { feedUrls } from './feed-urls.ts';

export interface FeedList {
  /** ALL_SLUG for all articles, else the category's slug. */
  slug: string;
  /** The category's name ('' for all articles). */
  name: string;
  /** Its newest articles, newest first. */
  articles: readonly Article[];
}

/**
 * A name as the library puts it in an XML attribute (an Atom category's term and label): it
 * escapes `&` and `"` there but not `<`, which an attribute may not hold; the full-width sign
 * reads the same.
 */
const inAttribute = (name: string) => xmlSafe(name).replace(/</g, '＜');

/**
 * A list's Atom feed and JSON Feed, made by the `feed` library: the newest articles with their
 * whole cleaned bodies and photos as figures, every address absolute. Dates come from the
 * articles (a feed's `updated` is its newest article's), so an unchanged list makes the same bytes.
 * Atom carries titles and summaries as HTML and JSON Feed as text: each gets its own.
 */
export function writeFeeds(list: FeedList, site: URL): { atom: string; json: string } {
  const articleUrl = articleUrls(site);
  const links = feedUrls(list.slug, site);
  const home = list.slug === ALL_SLUG ? site.href : categoryUrl(list.name, site);
  const title = list.slug === ALL_SLUG ? SITE_NAME : `${list.name} · ${SITE_NAME}`;
  const newest = list.articles.reduce(
    (latest, article) => Math.max(latest, Date.parse(article.updated ?? article.date)),
    0,
  );
  const options: FeedOptions = {
    id: home,
    title: xmlSafe(title),
    description: xmlSafe(
      list.slug === ALL_SLUG ? `${SITE_NAME}的最新文章` : `${SITE_NAME}「${list.name}」栏目的最新文章`,
    ),
    link: home,
    language: 'zh-CN',
    updated: new Date(newest),
    generator: false,
    feedLinks: links,
    author: { name: SITE_NAME, link: site.href },
  };
  const atom = new Feed(options);
  const json = new Feed(options);
  for (const article of list.articles) {
    const url = articleUrl(article.id);
    // The same body for both formats: made once.
    const content = feedHtml(article, url, site);
    const item = (asHtml: boolean): Item => {
      const text = (value: string) => xmlSafe(asHtml ? escapeMarkup(value) : value);
      return {
        id: url,
        link: url,
        title: text(article.title),
        description: text(article.excerpt),
        content,
        date: new Date(article.updated ?? article.date),
        published: new Date(article.date),
        ...(article.author && { author: [{ name: xmlSafe(article.author) }] }),
        category: article.categories.map((name) => {
          const term = asHtml ? inAttribute(name) : name;
          return { name: term, term };
        }),
      };
    };
    atom.addItem(item(true));
    json.addItem(item(false));
  }
  return { atom: atom.atom1(), json: json.json1() };
}
