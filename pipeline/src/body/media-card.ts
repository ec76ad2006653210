import { escapeHtml } from './html-text.ts';

/**
 * Video, audio and embedded pages are not played inside the reader (no frames, no media: the
 * CSP forbids them, docs/decisions/0010-media-as-link-cards.md); each becomes a card that says
 * what it is and opens the original.
 */
export type MediaKind = '视频' | '音频' | '网页' | '代码片段';

/** The host a card names: `www.youtube.com` → `youtube.com`. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** A YouTube, Vimeo or Bilibili player address, turned into the page that plays it there. */
export function watchUrl(url: string): string {
  try {
    const parsed = new URL(url, 'https://site.invalid');
    const host = parsed.hostname.replace(/^www\./, '');
    const embed = /^\/embed\/([\w-]+)/.exec(parsed.pathname);
    if ((host === 'youtube.com' || host === 'youtube-nocookie.com') && embed) {
      return `https://www.youtube.com/watch?v=${embed[1]}`;
    }
    const vimeo = /^\/video\/(\d+)/.exec(parsed.pathname);
    if (host === 'player.vimeo.com' && vimeo) return `https://vimeo.com/${vimeo[1]}`;
    const bvid = parsed.searchParams.get('bvid');
    if (host === 'player.bilibili.com' && bvid) return `https://www.bilibili.com/video/${bvid}`;
    return parsed.href;
  } catch {
    return url;
  }
}

/** The card: `<p class="c-media-card"><a href><b>视频</b> <span>title</span> <small>host</small></a></p>`. */
export function mediaCard(kind: MediaKind, url: string, title?: string): string {
  const target = watchUrl(url);
  const host = hostOf(target);
  const name = title?.trim() ? `<span>${escapeHtml(title.trim())}</span> ` : '';
  return `<p class="c-media-card"><a href="${escapeHtml(target)}"><b>${kind}</b> ${name}<small>${escapeHtml(host)}</small></a></p>`;
}
