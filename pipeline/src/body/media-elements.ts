import { type Document, type Element, isTag } from 'domhandler';
import { removeElement, replaceElement } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { walk } from './dom-text.ts';
import { type MediaKind, mediaCard } from './media-card.ts';
import { normalizeUrl } from './normalize-url.ts';

const KINDS: Record<string, MediaKind> = {
  video: '视频',
  audio: '音频',
  iframe: '网页',
  embed: '网页',
  object: '网页',
};

/** The address a media element plays: its `src`, `data`, or its first `<source>`. */
function sourceOf(element: Element): string | undefined {
  const direct = element.attribs.src ?? element.attribs.data;
  if (direct) return direct;
  for (const node of walk(element))
    if (isTag(node) && node.name === 'source' && node.attribs.src) return node.attribs.src;
  return undefined;
}

/**
 * Video, audio, iframes, embeds and objects are never dropped without a trace: each becomes a
 * link card (media-card.ts) that opens the original; one whose address is not http(s) is
 * removed with a warning.
 */
export function replaceMedia(document: Document, warnings: Set<string>): void {
  const media: Element[] = [];
  for (const node of walk(document)) if (isTag(node) && KINDS[node.name] && !insideMedia(node)) media.push(node);
  for (const element of media) {
    const url = normalizeUrl(sourceOf(element));
    if (!url || !/^https?:/i.test(url)) {
      warnings.add(`a ${element.name} without an http(s) address was left out`);
      removeElement(element);
      continue;
    }
    const title = element.attribs.title ?? element.attribs['aria-label'];
    replaceElement(
      element,
      parseDocument(mediaCard(KINDS[element.name] as MediaKind, url, title)).children[0] as Element,
    );
  }
}

/** Inside another media element: that one's card stands for both. */
function insideMedia(node: Element): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) if (isTag(parent) && KINDS[parent.name]) return true;
  return false;
}
