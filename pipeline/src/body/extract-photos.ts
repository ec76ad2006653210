import render from 'dom-serializer';
import { type AnyNode, type Element, isTag, isText } from 'domhandler';
import { removeElement } from 'domutils';
import { parseDocument } from 'htmlparser2';
import type { Photo } from '../../../src/lib/content-contract.ts';
import { largestSrcsetCandidate, normalizeUrl } from './normalize-url.ts';
import { cutText, MAX_CAPTION_LENGTH, MAX_PHOTOS } from '../read/input-limits.ts';
import { sanitizeBody } from './sanitize-body.ts';
import { normalizeSpace, splitCredit } from './split-credit.ts';

export interface ExtractedBody {
  /** The body without its photos and their captions. */
  html: string;
  /** Plain text of that body, whitespace collapsed. */
  text: string;
  /** Characters of body text, the scale of each photo's anchor. */
  textLength: number;
  photos: Photo[];
  warnings: string[];
}

const BLOCKS = new Set(['p', 'div', 'center', 'section', 'article', 'li', 'td', 'blockquote', 'header', 'footer']);
const INLINE_WRAPPERS = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'font', 'picture', 'source', 'br', 'u']);
const TEXTLESS = new Set(['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object']);
const EMPHASIS = new Set(['em', 'i']);
const MAX_CAPTION = 400;
const TOO_MANY = `photo dropped: an article may have ${MAX_PHOTOS} photos`;

interface PendingPhoto {
  img: Element;
  /** The element that leaves the body with the photo. */
  container: AnyNode;
  captionText: string | undefined;
}

/** Document-order walk without recursion: scraped HTML can nest arbitrarily deep. */
function* walk(root: AnyNode, skip?: (node: AnyNode) => boolean): Generator<AnyNode> {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node !== root) {
      if (skip?.(node)) continue;
      yield node;
    }
    if ('children' in node) {
      const { children } = node;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as AnyNode);
    }
  }
}

const CJK_TEXT = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]$/u;
const SPACE_RUN = /\s+/g;

/** The code point that ends just before `index`. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && index >= 2 ? text.codePointAt(index - 2) : low;
}

const isCjkText = (code: number | undefined) => code !== undefined && CJK_TEXT.test(String.fromCodePoint(code));

/**
 * Chinese text needs no space where two blocks meet; Latin words do: a run of white space with
 * a line break in it goes when CJK text stands on both sides. Each run is looked at once (a
 * lookbehind-and-lookahead pattern retried every shorter run: quadratic on long spaces).
 */
function joinCjkLines(text: string): string {
  return text.replace(SPACE_RUN, (space: string, index: number) =>
    space.includes('\n') && isCjkText(codePointBefore(text, index)) && isCjkText(text.codePointAt(index + space.length))
      ? ''
      : space,
  );
}

/** Text of a node with links and markup flattened, as a caption reads. */
export function plainText(node: AnyNode): string {
  let out = '';
  for (const child of walk(node, (n) => isTag(n) && TEXTLESS.has(n.name))) {
    if (isText(child)) out += child.data;
    else if (isTag(child) && (child.name === 'br' || BLOCKS.has(child.name) || /^h[1-6]$/.test(child.name)))
      out += '\n';
  }
  return normalizeSpace(joinCjkLines(out));
}

function isBlank(node: AnyNode): boolean {
  return isText(node) ? normalizeSpace(node.data) === '' : node.type === 'comment';
}

/** True when the element shows only images: no text, nothing but wrappers around them. */
function isPhotoOnly(element: Element): boolean {
  let images = 0;
  for (const node of walk(element)) {
    if (isTag(node)) {
      if (node.name === 'img') images++;
      else if (!INLINE_WRAPPERS.has(node.name)) return false;
    } else if (!isBlank(node)) return false;
  }
  return images > 0;
}

function isCentered(element: Element): boolean {
  if (element.name === 'center') return true;
  const { style = '', align = '', class: className = '' } = element.attribs;
  return /text-align\s*:\s*center/i.test(style) || align.toLowerCase() === 'center' || /\bcenter\b/i.test(className);
}

function nextElement(node: AnyNode): Element | undefined {
  let sibling = node.next;
  while (sibling && isBlank(sibling)) sibling = sibling.next;
  return sibling && isTag(sibling) ? sibling : undefined;
}

function hasImage(element: Element): boolean {
  for (const node of walk(element)) if (isTag(node) && node.name === 'img') return true;
  return false;
}

/** A paragraph whose only content is one `<em>` or `<i>`: Markdown's caption line. */
function emphasisOnly(element: Element): Element | undefined {
  const meaningful = element.children.filter((child) => !isBlank(child));
  const only = meaningful[0];
  return meaningful.length === 1 && only && isTag(only) && EMPHASIS.has(only.name) ? only : undefined;
}

function closest(node: AnyNode, test: (element: Element) => boolean): Element | undefined {
  let current = node.parent;
  while (current && isTag(current)) {
    if (test(current)) return current;
    current = current.parent;
  }
  return undefined;
}

function imagesIn(root: AnyNode): Element[] {
  const images: Element[] = [];
  for (const node of walk(root, (n) => isTag(n) && TEXTLESS.has(n.name))) {
    if (isTag(node) && node.name === 'img') images.push(node);
  }
  return images;
}

function dimension(value: string | undefined): number | undefined {
  const match = /^\s*(\d{1,5})(?:px)?\s*$/i.exec(value ?? '');
  const number = match ? Number(match[1]) : 0;
  return number > 0 ? number : undefined;
}

/** Decides which element leaves the body with each image, and which caption it carries. */
function findPhotos(root: AnyNode): { pending: PendingPhoto[]; removed: Set<AnyNode> } {
  const pending: PendingPhoto[] = [];
  const removed = new Set<AnyNode>();
  const handled = new Set<Element>();

  for (const img of imagesIn(root)) {
    if (handled.has(img)) continue;

    const figure = closest(img, (element) => element.name === 'figure');
    if (figure) {
      const figcaption = [...walk(figure)].find((n): n is Element => isTag(n) && n.name === 'figcaption');
      const captionText = figcaption ? plainText(figcaption) : undefined;
      for (const image of imagesIn(figure)) {
        handled.add(image);
        pending.push({ img: image, container: figure, captionText });
      }
      removed.add(figure);
      continue;
    }

    // Climb to the nearest block that shows nothing but images.
    let container: Element = img;
    let block: Element | undefined;
    for (let parent = img.parent; parent && isTag(parent) && isPhotoOnly(parent); parent = parent.parent) {
      container = parent;
      if (BLOCKS.has(parent.name)) {
        block = parent;
        break;
      }
    }

    let captionText: string | undefined;
    if (block) {
      const sibling = nextElement(block);
      if (sibling && !hasImage(sibling)) {
        const siblingText = plainText(sibling);
        const emphasis = emphasisOnly(sibling);
        const centeredPair = isCentered(block) && isCentered(sibling) && BLOCKS.has(sibling.name);
        if (siblingText !== '' && siblingText.length <= MAX_CAPTION && (centeredPair || emphasis)) {
          captionText = siblingText;
          removed.add(sibling);
        }
      }
    } else {
      // Markdown puts `![…](…)` and the `*caption*` line below it in one paragraph.
      const paragraph = img.parent && isTag(img.parent) && img.parent.name === 'p' ? img.parent : undefined;
      if (paragraph) {
        const rest = paragraph.children.filter(
          (c) => !isBlank(c) && !(isTag(c) && (c.name === 'img' || c.name === 'br')),
        );
        const only = rest[0];
        if (rest.length === 1 && only && isTag(only) && EMPHASIS.has(only.name) && !hasImage(only)) {
          captionText = plainText(only);
          block = paragraph;
          container = paragraph;
        }
      }
    }

    const group = block ? imagesIn(block) : [img];
    for (const image of group) {
      handled.add(image);
      pending.push({ img: image, container, captionText });
    }
    removed.add(container);
  }
  return { pending, removed };
}

function toPhoto(item: PendingPhoto, anchor: number): Photo | string {
  const { attribs } = item.img;
  const title = normalizeSpace(attribs.title ?? '');
  const alt = normalizeSpace(attribs.alt ?? '');
  const rawSrc = attribs.src?.trim() || attribs['data-src'] || attribs['data-original'];
  const src = normalizeUrl(rawSrc);
  if (!src) return `photo dropped: "${(rawSrc ?? '').slice(0, 80)}" is not an http(s) URL`;

  const fallbackCandidates = [attribs['data-bitmap'], attribs['data-src'], largestSrcsetCandidate(attribs.srcset)];
  const fallbackSrc = fallbackCandidates.map(normalizeUrl).find((url) => url !== undefined && url !== src);

  const split = splitCredit(item.captionText || title || alt);
  const caption = cutText(split.caption, MAX_CAPTION_LENGTH).text;
  const credit = split.credit;
  const photo: Photo = { src, alt: cutText(alt || caption || credit || '', MAX_CAPTION_LENGTH).text, caption, anchor };
  if (fallbackSrc) photo.fallbackSrc = fallbackSrc;
  const width = dimension(attribs.width);
  const height = dimension(attribs.height);
  if (width && height) {
    photo.width = width;
    photo.height = height;
  }
  if (credit) photo.credit = credit;
  return photo;
}

/** "photo dropped: …", or "3 photos dropped: …, and 2 more", one line for each kind of problem. */
function* summarize(dropped: Map<string, number>): Generator<string> {
  const byKind = new Map<string, { first: string; count: number }>();
  for (const [message, count] of dropped) {
    const kind = message.replace(/"[^"]*"/g, '""'); // the same problem with another URL
    const seen = byKind.get(kind);
    if (seen) seen.count += count;
    else byKind.set(kind, { first: message, count });
  }
  for (const { first, count } of byKind.values()) {
    yield count === 1 ? first : `${first} (and ${count - 1} more)`;
  }
}

function countText(text: string): number {
  return text.replace(/[\s\u00a0\u3000]+/gu, '').length;
}

/** Lifts every photo (and its caption) out of an HTML body, in order. */
export function extractPhotos(html: string): ExtractedBody {
  const document = parseDocument(html, { decodeEntities: true });
  const { pending, removed } = findPhotos(document);

  // Anchor each removed element at the amount of text that stood before it.
  const anchors = new Map<AnyNode, number>();
  let count = 0;
  for (const node of walk(document, (n) => {
    if (removed.has(n)) {
      anchors.set(n, count);
      return true;
    }
    return isTag(n) && TEXTLESS.has(n.name);
  })) {
    if (isText(node)) count += countText(node.data);
  }

  const photos: Photo[] = [];
  // One warning for every kind of problem, however many photos have it.
  const dropped = new Map<string, number>();
  for (const item of pending) {
    const result = toPhoto(item, anchors.get(item.container) ?? 0);
    if (typeof result === 'string') dropped.set(result, (dropped.get(result) ?? 0) + 1);
    else if (photos.length < MAX_PHOTOS) photos.push(result);
    else dropped.set(TOO_MANY, (dropped.get(TOO_MANY) ?? 0) + 1);
  }
  const warnings = [...summarize(dropped)];
  for (const node of removed) removeElement(node);
  // Inline styles, handlers and dangerous elements never reach the reader (docs/decisions/0002).
  sanitizeBody(document);

  return {
    html: render(document, { encodeEntities: 'utf8' }).trim(),
    text: plainText(document),
    textLength: count,
    photos,
    warnings,
  };
}
