import { axeViolations, expect, test } from './test.ts';

// The build had SITE_URL (playwright.config.ts): every list has an Atom feed and a JSON Feed.
const SITE = 'https://news.example.cn/';
const CATEGORY = '/category/%E8%B4%A2%E7%BB%8F'; // 财经

/** The path on this server of an address on the site. */
const onThisServer = (url: string) => `/${url.slice(SITE.length)}`;

test('a category page links its feed, which Chromium parses as Atom with the articles the page lists', async ({
  page,
  request,
}) => {
  await page.goto(CATEGORY);
  const cards = page.getByRole('main').getByRole('article');
  await expect(cards.first()).toBeVisible();
  const titles = await page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  const link = page.getByRole('link', { name: '订阅' });
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/data\/feeds\/c_[0-9a-f]+\/atom\.xml$/);
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);

  const response = await request.get(href);
  expect(response.ok()).toBe(true);
  expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  // The browser's own XML parser, which refuses any ill-formed byte; on a blank page, since the
  // app's Trusted Types policy lets no string be parsed into a document.
  await page.goto('about:blank');
  const feed = await page.evaluate(
    async (xml) => {
      const document = new DOMParser().parseFromString(xml, 'application/xml');
      const ATOM = 'http://www.w3.org/2005/Atom';
      const child = (parent: Element, name: string) =>
        [...parent.children].filter((node) => node.namespaceURI === ATOM && node.localName === name);
      const root = document.documentElement;
      return {
        error: document.getElementsByTagName('parsererror').length,
        root: `${root.namespaceURI} ${root.localName}`,
        counts: ['id', 'title', 'updated', 'author'].map((name) => child(root, name).length),
        self: child(root, 'link')
          .find((node) => node.getAttribute('rel') === 'self')
          ?.getAttribute('href'),
        entries: child(root, 'entry').map((entry) => ({
          counts: ['id', 'title', 'updated', 'content'].map((name) => child(entry, name).length),
          title: child(entry, 'title')[0]?.textContent,
          content: child(entry, 'content')[0]?.textContent ?? '',
        })),
      };
    },
    await response.text(),
  );
  expect(feed.error).toBe(0);
  expect(feed.root).toBe('http://www.w3.org/2005/Atom feed');
  expect(feed.counts).toEqual([1, 1, 1, 1]);
  expect(feed.self).toBe(`${SITE}${href.slice(1)}`);
  // Newest first, as the page lists them (the feed holds the category's newest 50; it has fewer).
  expect(feed.entries.map((entry) => entry.title).slice(0, titles.length)).toEqual(titles);
  for (const entry of feed.entries) expect(entry.counts).toEqual([1, 1, 1, 1]);
  // Photos as figures with their captions, at absolute addresses.
  expect(
    feed.entries.some((entry) => /<figure><img src="https?:\/\/[^"]+"[^>]*\/><figcaption>/.test(entry.content)),
  ).toBe(true);
});

test('the feeds are discoverable from the entry pages and readable as JSON Feed', async ({ request }) => {
  const html = await (await request.get(CATEGORY)).text();
  const alternates = [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)" \/>/g)];
  expect(alternates.map(([, type, title]) => `${type} ${title}`)).toEqual([
    'application/atom+xml 财经 · 新闻阅读',
    'application/feed+json 财经 · 新闻阅读',
  ]);
  const jsonFeed = alternates[1]?.[3] ?? '';
  const response = await request.get(onThisServer(jsonFeed));
  expect(response.headers()['content-type']).toBe('application/feed+json; charset=utf-8');
  const feed = (await response.json()) as { version: string; feed_url: string; items: { id: string; url: string }[] };
  expect(feed.version).toBe('https://jsonfeed.org/version/1');
  expect(feed.feed_url).toBe(jsonFeed);
  expect(feed.items.length).toBeGreaterThan(0);
  for (const item of feed.items) expect(item.url).toBe(item.id);
  // Every article the feed names is there.
  for (const item of feed.items) expect((await request.get(onThisServer(item.url))).ok()).toBe(true);
});
