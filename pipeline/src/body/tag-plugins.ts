import { idForName } from '../read/article-id.ts';
import { renderCodeBlock } from './highlight-code.ts';
import { escapeHtml } from './html-text.ts';
import { mediaCard } from './media-card.ts';
import type { TagNode } from './scan-tags.ts';

/** What rendering a tag needs from the article it is in. */
export interface TagContext {
  /** Renders Markdown (which may hold tags of its own): the content of block tags. */
  markdown(source: string): string;
  /** The address of a file in the post's asset folder, or undefined when there is none. */
  asset(name: string): string | undefined;
  /** One warning per kind of problem (the set removes repeats). */
  warnings: Set<string>;
}

const URL_LIKE = /^(?:https?:\/\/|\/\/|\/)/i;
const esc = escapeHtml;

/** Hexo's blockquote footer: `author, source`, `author link [link title]`, or `author`. */
function quoteFooter(args: string[]): string {
  const text = args.join(' ');
  if (!text) return '';
  const link = args.findIndex((arg) => /^https?:\/\//i.test(arg));
  let author = text;
  let source = '';
  let title = '';
  if (link > 0) {
    author = args.slice(0, link).join(' ');
    source = args[link] as string;
    title = args.slice(link + 1).join(' ');
  } else {
    const comma = text.indexOf(',');
    if (comma > 0) {
      author = text.slice(0, comma).trim();
      title = text.slice(comma + 1).trim();
    }
  }
  let footer = author ? `<strong>${esc(author)}</strong>` : '';
  if (source) {
    const shown = title || source.replace(/^https?:\/\//i, '').replace(/\/(?:index\.html?)?$/i, '');
    footer += ` <cite><a href="${esc(source)}">${esc(shown)}</a></cite>`;
  } else if (title) footer += ` <cite>${esc(title)}</cite>`;
  return `<footer>${footer}</footer>`;
}

/** `{% codeblock [title] [lang:x] [url] [link text] [mark:1,3] … %}` */
function codeTag(args: string[], code: string): string {
  let lang: string | undefined;
  const rest: string[] = [];
  for (const arg of args) {
    const option = /^(lang|line_number|line_threshold|first_line|wrap|mark|highlight|language_attr):(.*)$/.exec(arg);
    if (option) {
      if (option[1] === 'lang') lang = option[2];
    } else rest.push(arg);
  }
  const link = rest.findIndex((arg) => /^https?:\/\//i.test(arg));
  const caption = (link === -1 ? rest : rest.slice(0, link)).join(' ');
  return renderCodeBlock({
    code,
    lang,
    caption: caption || undefined,
    url: link === -1 ? undefined : rest[link],
    linkText: link === -1 ? undefined : rest.slice(link + 1).join(' ') || undefined,
  });
}

/** `{% img [classes] src [width] [height] ["title" ["alt"]] %}`, with `src` resolved by `resolve`. */
function imageTag(args: string[], resolve: (src: string) => string | undefined): string {
  const at = args.findIndex((arg) => URL_LIKE.test(arg) || /\.[a-z0-9]{2,5}$/i.test(arg));
  if (at === -1) return '';
  const src = resolve(args[at] as string);
  if (!src) return '';
  const rest = args.slice(at + 1);
  const sizes = rest.filter((arg) => /^\d+(?:px)?$/.test(arg));
  const words = rest.filter((arg) => !/^\d+(?:px)?$/.test(arg));
  const [title = '', alt = title] = words.length > 0 ? [words.join(' ')] : [];
  const size = sizes.length >= 2 ? ` width="${esc(sizes[0] as string)}" height="${esc(sizes[1] as string)}"` : '';
  return `<img src="${esc(src)}" alt="${esc(alt)}"${title ? ` title="${esc(title)}"` : ''}${size}>`;
}

/** NexT / Butterfly note colours, as the reader's four kinds of note. */
function noteKind(args: string[]): string {
  const words = args.map((arg) => arg.toLowerCase());
  if (words.some((word) => ['success', 'green'].includes(word))) return ' c-note-success';
  if (words.some((word) => ['warning', 'orange', 'yellow'].includes(word))) return ' c-note-warning';
  if (words.some((word) => ['danger', 'red', 'pink', 'error'].includes(word))) return ' c-note-danger';
  if (words.some((word) => ['info', 'primary', 'blue', 'purple'].includes(word))) return ' c-note-info';
  return '';
}

/** The `<!-- tab title -->` and `<!-- endtab -->` markers of a tabs tag, found by index. */
function tabMarkers(content: string): { kind: 'tab' | 'end'; title: string; start: number; end: number }[] {
  const markers: { kind: 'tab' | 'end'; title: string; start: number; end: number }[] = [];
  let close = -2;
  for (let open = content.indexOf('<!--'); open !== -1; open = content.indexOf('<!--', open + 4)) {
    if (close !== -1 && close < open + 4) close = content.indexOf('-->', open + 4);
    if (close === -1) break;
    const words = content.slice(open + 4, close).trim();
    if (words === 'endtab') markers.push({ kind: 'end', title: '', start: open, end: close + 3 });
    else if (words === 'tab' || words.startsWith('tab ')) {
      const title = words
        .slice(3)
        .replace(/@[\w-]+/g, '')
        .trim();
      markers.push({ kind: 'tab', title, start: open, end: close + 3 });
    }
  }
  return markers;
}

/** `{% tabs name %}` with `<!-- tab title -->` … `<!-- endtab -->` parts: every part shown, titled. */
function tabsTag(content: string, context: TagContext): string {
  const parts: string[] = [];
  const markers = tabMarkers(content);
  markers.forEach((marker, i) => {
    const next = markers[i + 1];
    if (marker.kind !== 'tab' || next?.kind !== 'end') return;
    const title = marker.title || `标签 ${parts.length + 1}`;
    parts.push(
      `<section class="c-tab"><h3>${esc(title)}</h3>${context.markdown(content.slice(marker.end, next.start))}</section>`,
    );
  });
  return parts.length > 0 ? `<div class="c-tabs">${parts.join('')}</div>` : context.markdown(content);
}

/** The HTML a tag stands for. `content` is a block tag's raw content. */
export function renderTag(tag: TagNode, content: string | undefined, context: TagContext): string {
  const { name, args } = tag;
  const inner = content ?? '';
  const md = () => context.markdown(inner.replace(/^\n/, ''));
  const assetOrUrl = (src: string) => (URL_LIKE.test(src) ? src : (context.asset(src) ?? missingAsset(src)));
  const missingAsset = (src: string) => {
    context.warnings.add(`{% ${name} ${src} %}: no such file in the post's asset folder`);
    return undefined;
  };
  switch (name) {
    case 'blockquote':
    case 'quote':
      return `<blockquote>${md()}${quoteFooter(args)}</blockquote>`;
    case 'pullquote':
      return `<blockquote class="c-pullquote">${md()}</blockquote>`;
    case 'codeblock':
    case 'code':
      return codeTag(args, inner.replace(/^\n/, ''));
    case 'mermaid':
      return renderCodeBlock({ code: inner.replace(/^\n/, ''), lang: 'mermaid', caption: '图表源码' });
    case 'raw':
      return inner;
    case 'img':
    case 'image':
      return imageTag(args, assetOrUrl);
    case 'asset_img':
    case 'asset_image':
      return imageTag(args, (src) => context.asset(src) ?? missingAsset(src));
    case 'asset_link': {
      const [file = '', ...title] = args;
      const href = context.asset(file) ?? missingAsset(file);
      const text = title.filter((word) => word !== 'true' && word !== 'false').join(' ') || file;
      return href ? `<a href="${esc(href)}">${esc(text)}</a>` : esc(text);
    }
    case 'asset_path':
      return esc(context.asset(args[0] ?? '') ?? missingAsset(args[0] ?? '') ?? '');
    case 'link': {
      const at = args.findIndex((arg) => URL_LIKE.test(arg));
      if (at === -1) return esc(args.join(' '));
      const text = args.slice(0, at).join(' ') || (args[at] as string);
      return `<a href="${esc(args[at] as string)}">${esc(text)}</a>`;
    }
    case 'post_link':
    case 'post_path': {
      const [slug = '', ...title] = args;
      const href = `/article/${encodeURIComponent(idForName(slug.replace(/\.(md|markdown|html|txt)$/i, '')))}`;
      if (name === 'post_path') return esc(href);
      const text = title.filter((word) => word !== 'true' && word !== 'false').join(' ') || slug;
      return `<a href="${esc(href)}">${esc(text)}</a>`;
    }
    case 'iframe':
      return args[0] ? mediaCard('网页', args[0]) : '';
    case 'youtube': {
      const [id = '', type] = args;
      const url =
        type === 'playlist'
          ? `https://www.youtube.com/playlist?list=${encodeURIComponent(id)}`
          : `https://www.youtube.com/watch?v=${encodeURIComponent(id)}`;
      return mediaCard('视频', url, 'YouTube 视频');
    }
    case 'vimeo':
      return mediaCard('视频', `https://vimeo.com/${encodeURIComponent(args[0] ?? '')}`, 'Vimeo 视频');
    case 'bilibili':
      return mediaCard('视频', `https://www.bilibili.com/video/${encodeURIComponent(args[0] ?? '')}`, '哔哩哔哩视频');
    case 'gist':
      return mediaCard('代码片段', `https://gist.github.com/${encodeURIComponent(args[0] ?? '')}`, 'GitHub Gist');
    case 'jsfiddle':
      return mediaCard('代码片段', `https://jsfiddle.net/${encodeURIComponent(args[0] ?? '')}/`, 'JSFiddle');
    case 'note':
      return `<div class="c-note${noteKind(args)}">${md()}</div>`;
    case 'tabs':
    case 'subtabs':
      return tabsTag(inner, context);
    case 'label': {
      // NexT: {% label primary@text %}
      const text = args.join(' ');
      const at = text.indexOf('@');
      // The colour word before the @ picks the same four kinds as a note.
      const kind = at > 0 ? noteKind([text.slice(0, at)]).replace('c-note-', 'c-label-') : '';
      return `<mark class="c-label${kind}">${esc(at >= 0 ? text.slice(at + 1) : text)}</mark>`;
    }
    case 'btn':
    case 'button': {
      const [url = '', text = '', ...rest] = args
        .join(' ')
        .split(',')
        .map((part) => part.trim());
      const label = text || rest.at(-1) || url;
      return URL_LIKE.test(url) ? `<a class="c-button" href="${esc(url)}">${esc(label)}</a>` : esc(label);
    }
    case 'gallery':
      return md();
    case 'galleryGroup': {
      const [title = '', description = '', link = '', image = ''] = args;
      const src = image ? assetOrUrl(image) : undefined;
      const figure = src
        ? `<figure><img src="${esc(src)}" alt="${esc(title)}"><figcaption>${esc(title)}${description ? `：${esc(description)}` : ''}</figcaption></figure>`
        : '';
      return `${figure}<p>${URL_LIKE.test(link) ? `<a href="${esc(link)}">${esc(title)}</a>` : esc(title)}</p>`;
    }
    case 'hideblock':
    case 'folding':
    case 'details':
      return `<details><summary>${esc(args.join(' ').replace(/^[\w-]+,\s*/, '') || '展开')}</summary>${md()}</details>`;
    default:
      if (content !== undefined) {
        context.warnings.add(`unknown tag plugin {% ${name} %}: its content was kept`);
        return md();
      }
      context.warnings.add(`unknown tag plugin {% ${name} %}: left out`);
      return '';
  }
}
