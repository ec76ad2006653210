import { type AnyNode, type Document, Element, isTag, isText } from 'domhandler';
import { removeElement } from 'domutils';
import type { Photo } from '../../../src/lib/content-contract.ts';
import { largestSrcsetCandidate, normalizeUrl } from './normalize-url.ts';
import { cutText, MAX_CAPTION_LENGTH, MAX_PHOTOS } from '../read/input-limits.ts';
import { isPlaceholderCaption } from './placeholder-caption.ts';
import { splitCredit } from './split-credit.ts';
import { countNonSpace, normalizeSpace } from './white-space.ts';
import { BLOCKS, isBlank, plainText, TEXTLESS, walk } from './dom-text.ts';

const INLINE_WRAPPERS = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'font', 'picture', 'source', 'br', 'u']);
const EMPHASIS = new Set(['em', 'i']);
const MAX_CAPTION = 400;
const TOO_MANY = `photo dropped: an article may have ${MAX_PHOTOS} photos`;

interface PendingPhoto {
  img: Element;
  /** The element that leaves the body with the photo. */
  container: AnyNode;
  captionText: string | undefined;
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
    const following = block ? nextElement(block) : undefined;
    if (block && following?.name === 'figcaption') {
      // A Markdown image with the caption written as HTML below it.
      captionText = plainText(following);
      removed.add(following);
    } else if (block) {
      const sibling = following;
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
      // Markdown puts `![…](…)` and the `*caption*` line (or a `<figcaption>`) below it in one paragraph.
      const parent =
        img.parent && isTag(img.parent) && (img.parent.name === 'p' || img.parent.name === 'div')
          ? img.parent
          : undefined;
      if (parent) {
        const rest = parent.children.filter((c) => !isBlank(c) && !(isTag(c) && (c.name === 'img' || c.name === 'br')));
        const only = rest[0];
        const isCaption =
          only && isTag(only) && (EMPHASIS.has(only.name) || only.name === 'figcaption') && !hasImage(only);
        if (rest.length === 1 && isCaption) {
          captionText = plainText(only);
          block = parent;
          container = parent;
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

  // The first of these that says something: a caption that is a file name or a placeholder does not.
  const said = [item.captionText, title, alt].find((text) => text && !isPlaceholderCaption(text)) ?? '';
  const split = splitCredit(said);
  const caption = cutText(split.caption, MAX_CAPTION_LENGTH).text;
  const credit = split.credit;
  const usefulAlt = isPlaceholderCaption(alt) ? '' : alt;
  const photo: Photo = {
    src,
    alt: cutText(usefulAlt || caption || credit || '', MAX_CAPTION_LENGTH).text,
    caption,
    anchor,
  };
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

export interface LiftedPhotos {
  photos: Photo[];
  /** Characters of body text, the scale of each photo's anchor. */
  textLength: number;
  warnings: string[];
}

/**
 * Lifts every photo (and its caption) out of a parsed body, in order, and then the photos the
 * front matter lists (`photos:`), which stand before the text.
 */
export function liftPhotos(document: Document, extraPhotos: readonly string[] = []): LiftedPhotos {
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
    if (isText(node)) count += countNonSpace(node.data); // the anchor's scale: body text without spaces
  }

  const photos: Photo[] = [];
  // One warning for every kind of problem, however many photos have it.
  const dropped = new Map<string, number>();
  const keep = (result: Photo | string) => {
    if (typeof result === 'string') dropped.set(result, (dropped.get(result) ?? 0) + 1);
    else if (photos.length < MAX_PHOTOS) photos.push(result);
    else dropped.set(TOO_MANY, (dropped.get(TOO_MANY) ?? 0) + 1);
  };
  for (const item of pending) keep(toPhoto(item, anchors.get(item.container) ?? 0));
  for (const src of extraPhotos) {
    const img = new Element('img', { src });
    keep(toPhoto({ img, container: img, captionText: undefined }, 0));
  }
  for (const node of removed) removeElement(node);
  return { photos, textLength: count, warnings: [...summarize(dropped)] };
}
