import render from 'dom-serializer';
import { type AnyNode, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Article, Photo } from '../../../src/lib/content-contract.ts';
import { TEXTLESS, walk } from '../body/dom-text.ts';
import { countNonSpace, isWhiteSpaceOnly } from '../body/white-space.ts';
import { escapeMarkup } from '../pages/escape-markup.ts';
import { absolutePhoto } from '../pages/head-tags.ts';

const URL_ATTRIBUTES = ['href', 'src', 'cite'] as const;

/**
 * Characters XML 1.0 cannot hold, even escaped (C0 controls but tab and line breaks, U+FFFE/F,
 * a surrogate without its pair): one in a title or a body would make a whole feed unreadable.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are what it finds
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text that XML can carry: what it cannot is left out. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '');

/**
 * An address of the article's body made absolute, as a feed reader shows it away from the site: a
 * site-relative one under the site (as the app resolves it against its base), any other against
 * the article's own address (`#part` stays in the article). Undefined for what is not http(s).
 */
function absolute(value: string, articleUrl: string, site: URL): string | undefined {
  if (/^\/(?!\/)/.test(value)) return absolutePhoto(value, site);
  try {
    const url = new URL(value, articleUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** A photo with its caption and credit, as a feed reader shows one: a figure, credit last. */
function figure(photo: Photo, site: URL): string {
  const src = absolutePhoto(photo.src, site);
  if (!src) return '';
  const size = photo.width && photo.height ? ` width="${photo.width}" height="${photo.height}"` : '';
  const caption = [
    photo.caption && escapeMarkup(photo.caption),
    photo.credit && `<small>${escapeMarkup(photo.credit)}</small>`,
  ].filter(Boolean);
  const figcaption = caption.length > 0 ? `<figcaption>${caption.join(' ')}</figcaption>` : '';
  return `<figure><img src="${escapeMarkup(src)}" alt="${escapeMarkup(photo.alt)}"${size} />${figcaption}</figure>`;
}

/** Characters of body text in a node, counted as a photo's anchor counts them (extract-photos.ts). */
function textIn(node: AnyNode): number {
  let count = isText(node) ? countNonSpace(node.data) : 0;
  for (const child of walk(node, (n) => isTag(n) && TEXTLESS.has(n.name)))
    if (isText(child)) count += countNonSpace(child.data);
  return count;
}

/**
 * An article's body as a feed carries it: the body the pipeline cleaned, with its addresses made
 * absolute and its photos put back where they stood as figures with their captions and credits
 * (each before the first block that starts at or after its anchor; one whose text was inside a
 * block comes after that block). Only what XML can carry.
 */
export function feedHtml(article: Pick<Article, 'html' | 'photos'>, articleUrl: string, site: URL): string {
  const document = parseDocument(article.html);
  for (const node of walk(document)) {
    if (!isTag(node)) continue;
    for (const name of URL_ATTRIBUTES) {
      const value = node.attribs[name];
      if (value === undefined) continue;
      const url = absolute(value.trim(), articleUrl, site);
      if (url) node.attribs[name] = url;
      else delete node.attribs[name];
    }
  }
  const photos = [...article.photos].sort((a, b) => a.anchor - b.anchor);
  let placed = 0;
  let out = '';
  // The figures of the photos anchored at or before `read` characters of text, not yet placed.
  const figuresUpTo = (read: number) => {
    for (const photo of photos.slice(placed)) {
      if (photo.anchor > read) break;
      out += figure(photo, site);
      placed++;
    }
  };
  let read = 0;
  for (const node of document.children) {
    // Not between a block and the line break after it.
    if (!isText(node) || !isWhiteSpaceOnly(node.data)) figuresUpTo(read);
    out += render(node, { encodeEntities: 'utf8' });
    read += textIn(node);
  }
  figuresUpTo(Infinity);
  return xmlSafe(out);
}
