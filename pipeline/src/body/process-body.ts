import render from 'dom-serializer';
import { type AnyNode, type Document, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import type { Photo } from '../../../src/lib/content-contract.ts';
import { plainText, walk } from './dom-text.ts';
import { excerptOf } from './excerpt.ts';
import { liftPhotos } from './extract-photos.ts';
import { replaceMedia } from './media-elements.ts';
import { sanitizeBody } from './sanitize-body.ts';
import { finder } from './scan-tags.ts';

export interface BodyOptions {
  /** Resolves a relative link or image against the post's asset folder. */
  asset?: (reference: string) => string | undefined;
  /** `photos:` of the front matter: they join the gallery, before the body's own. */
  extraPhotos?: readonly string[];
  /** `description:` or `excerpt:` of the front matter. */
  description?: string;
}

export interface ProcessedBody {
  /** The body without its photos and their captions, cleaned by the pipeline's allowlist. */
  html: string;
  /** Plain text of that body, whitespace collapsed. */
  text: string;
  /** Characters of body text, the scale of each photo's anchor. */
  textLength: number;
  photos: Photo[];
  excerpt: string;
  /** The text of the first heading: the title of a post that names none. */
  firstHeading?: string;
  warnings: string[];
}

const MORE_MARKER = /<!--\s*more\s*-->/i;
const CODE = new Set(['pre', 'code', 'script', 'style', 'textarea']);

/** Relative images and links point at the post's own files, published with it. */
function resolveLinks(document: Document, asset: (reference: string) => string | undefined): void {
  const headingIds = new Set<string>();
  for (const node of walk(document))
    if (isTag(node) && node.attribs.id?.startsWith('c-h-')) headingIds.add(node.attribs.id);
  for (const node of walk(document)) {
    if (!isTag(node)) continue;
    for (const attribute of node.name === 'img'
      ? ['src', 'data-src', 'data-original']
      : node.name === 'a'
        ? ['href']
        : []) {
      const value = node.attribs[attribute];
      if (!value) continue;
      if (value.startsWith('#')) {
        // An in-page link to a heading: headings' ids carry the pipeline's prefix.
        const target = `c-h-${decodeFragment(value.slice(1)).toLowerCase()}`;
        if (headingIds.has(target)) node.attribs[attribute] = `#${target}`;
        continue;
      }
      const resolved = asset(value);
      if (resolved) node.attribs[attribute] = resolved;
    }
  }
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * Removes tag plugin syntax left in the text (`{% foo` with no `%}`, a stray `%}`): no `{%`
 * or `%}` reaches a body, an excerpt or a search term outside code. Returns whether it did.
 */
function stripTagSyntax(document: Document, html: string): boolean {
  if (!html.includes('{%') && !html.includes('%}')) return false;
  let stripped = false;
  const texts: { data: string; node: AnyNode }[] = [];
  for (const node of walk(document, (n) => isTag(n) && CODE.has(n.name)))
    if (isText(node)) texts.push({ data: node.data, node });
  for (const { data, node } of texts) {
    if (!data.includes('{%') && !data.includes('%}')) continue;
    let out = '';
    let at = 0;
    const nextClose = finder(data, '%}');
    for (let open = data.indexOf('{%'); open !== -1; open = data.indexOf('{%', at)) {
      out += data.slice(at, open);
      const close = nextClose(open + 2);
      at = close === -1 ? open + 2 : close + 2;
    }
    (node as { data: string }).data = (out + data.slice(at)).replaceAll('%}', '');
    stripped = true;
  }
  return stripped;
}

/**
 * Links whose text is a long address get `c-url`: the reader lets them break anywhere, so that
 * one address does not push the words before it apart on a justified line.
 */
function markAddressLinks(document: Document): void {
  for (const node of walk(document)) {
    if (!isTag(node) || node.name !== 'a') continue;
    const text = plainText(node);
    if (text.length < 24 || !/^(?:https?:\/\/|www\.)\S+$/i.test(text)) continue;
    node.attribs.class = node.attribs.class ? `${node.attribs.class} c-url` : 'c-url';
  }
}

function firstHeading(document: Document): string | undefined {
  for (const node of walk(document)) {
    if (isTag(node) && /^h[1-6]$/.test(node.name)) {
      const text = plainText(node as Element);
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * A rendered body, made ready for the reader: relative links resolved, media turned into
 * cards, photos and their captions lifted into the gallery, the excerpt taken, and the rest
 * cleaned by the pipeline's allowlist (docs/decisions/0002).
 */
export function processBody(html: string, options: BodyOptions = {}): ProcessedBody {
  const warnings = new Set<string>();
  const document = parseDocument(html, { decodeEntities: true });
  if (options.asset) resolveLinks(document, options.asset);
  replaceMedia(document, warnings);
  if (stripTagSyntax(document, html)) warnings.add('tag plugin syntax left in the text ({% … %}) was removed');
  const heading = firstHeading(document);
  const extra = options.extraPhotos?.map((src) => options.asset?.(src) ?? src);
  const lifted = liftPhotos(document, extra);
  const excerpt = excerptOf(document, options.description, MORE_MARKER.test(html));
  sanitizeBody(document);
  markAddressLinks(document);
  const result: ProcessedBody = {
    html: render(document, { encodeEntities: 'utf8' }).trim(),
    text: plainText(document),
    textLength: lifted.textLength,
    photos: lifted.photos,
    excerpt,
    warnings: [...warnings, ...lifted.warnings],
  };
  if (heading) result.firstHeading = heading;
  return result;
}
