import { createRequire } from 'node:module';
import type { HLJSApi } from 'highlight.js';
import { escapeHtml } from './html-text.ts';

/**
 * Code is highlighted here, when the article is built: the reader ships no highlighter. The
 * token classes become content classes (`hljs-keyword` → `c-hl-keyword`), which both
 * sanitizers allow and the reader's styles colour, in light and dark.
 */

const require = createRequire(import.meta.url);
let hljs: HLJSApi | undefined;
/** Loaded at the first code block a worker meets (75 ms): most news articles have none. */
const highlighter = () => (hljs ??= require('highlight.js/lib/common') as HLJSApi);

export interface CodeBlock {
  code: string;
  /** As written after the fence or in `lang:`; may be unknown to the highlighter. */
  lang?: string;
  /** A codeblock tag's caption, and the link it may carry. */
  caption?: string;
  url?: string;
  linkText?: string;
}

/** The language's display name, and highlighted HTML (escaped text when it is not known). */
function highlight(code: string, lang: string | undefined): { html: string; label?: string } {
  const name = lang?.trim().toLowerCase();
  if (!name || name === 'plain' || name === 'text' || name === 'plaintext' || name === 'txt') {
    return { html: escapeHtml(code), label: name && name !== 'plain' ? '纯文本' : undefined };
  }
  const language = highlighter().getLanguage(name);
  if (!language) return { html: escapeHtml(code), label: lang };
  const { value } = highlighter().highlight(code, { language: name, ignoreIllegals: true });
  return { html: value.replace(/class="hljs-/g, 'class="c-hl-'), label: language.name };
}

/**
 * A code block as the reader shows it: its language (and caption) above, the code in a `<pre>`
 * that scrolls on its own. `mark` lines are not marked: no class carries them.
 */
export function renderCodeBlock({ code, lang, caption, url, linkText }: CodeBlock): string {
  const { html, label } = highlight(code.replace(/\n$/, ''), lang);
  const parts: string[] = [];
  if (label) parts.push(`<span>${escapeHtml(label)}</span>`);
  if (caption) parts.push(`<span>${escapeHtml(caption)}</span>`);
  if (url) parts.push(`<a href="${escapeHtml(url)}">${escapeHtml(linkText || '链接')}</a>`);
  const head = parts.length > 0 ? `<div class="c-code-caption">${parts.join(' ')}</div>` : '';
  return `<div class="c-code">${head}<pre><code>${html}</code></pre></div>`;
}
