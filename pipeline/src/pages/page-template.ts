import { PAGE_DATA_ID, type RenderedPage } from '../../../src/lib/content-contract.ts';
import { escapeMarkup } from './escape-markup.ts';

/**
 * The app's page (the built index.html) with an entry page's head (an article's, a category's)
 * in place of its own title and description, and, prerendered, the app's markup in its root.
 * The rest stays byte for byte: the same scripts, styles and CSP, so the app starts as on any
 * other address.
 */
export class PageTemplate {
  private readonly before: string;
  private readonly after: string;
  /** `after` cut around the empty root, for a prerendered page. */
  private readonly root: { before: string; after: string } | undefined;
  /**
   * The app's base path (Vite's `base`, ending in `/`), read from its module script
   * (`<base>assets/index-….js`): where its data lives. Undefined when the page has no such script.
   */
  readonly base: string | undefined;
  /** The app page's own description (its `<meta name="description">`), for the home page. */
  readonly description: string | undefined;

  constructor(html: string) {
    this.base = /<script\b[^>]*\bsrc="([^"]*\/)assets\/[^"]+\.js"/i.exec(html)?.[1];
    const head = /<\/head\s*>/i.exec(html);
    if (!head) throw new Error('it has no </head>');
    // The shell's own title and description give way to the article's, where the title was.
    this.description = /<meta\s+name="description"\s+content="([^"]*)"/i
      .exec(html)?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const title = /<title>[\s\S]*?<\/title>\s*/i.exec(html.slice(0, head.index));
    const at = title ? title.index : head.index;
    const rest = title ? html.slice(at + title[0].length) : html.slice(at);
    this.before = html.slice(0, at).replace(/<meta\s+name="description"[^>]*>\s*/i, '');
    this.after = rest.replace(/<meta\s+name="description"[^>]*>\s*/i, '');
    const root = /<div id="root"><\/div>/.exec(this.after);
    // The shell's notice that the reader needs JavaScript is not true of a prerendered page.
    this.root = root
      ? {
          before: this.after.slice(0, root.index),
          after: this.after.slice(root.index + root[0].length).replace(/\s*<noscript>[\s\S]*?<\/noscript>/i, ''),
        }
      : undefined;
  }

  /** Whether the app's markup has a place: an empty `<div id="root"></div>`. */
  get canPrerender(): boolean {
    return this.root !== undefined;
  }

  /** The page with `head`; with `rendered`, the app's markup in its root and its data beside. */
  page(head: string, rendered?: RenderedPage): string {
    if (!rendered) return `${this.before}${head}\n    ${this.after}`;
    // The data goes into a script element: a `<` in it could end that element.
    if (rendered.data.includes('<')) throw new Error('the rendered page data holds a "<"');
    if (!this.root) throw new Error('the app page has no empty <div id="root"></div>');
    // Read without JavaScript, no viewer opens: the captions show whole (public/noscript.css).
    const noscript = `<noscript><link rel="stylesheet" href="${escapeMarkup(this.base ?? '/')}noscript.css" /></noscript>`;
    return (
      `${this.before}${head}\n    ${noscript}\n    ${this.root.before}<div id="root" data-prerendered>${rendered.root}</div>` +
      `\n    <script type="application/json" id="${PAGE_DATA_ID}">${rendered.data}</script>${this.root.after}`
    );
  }
}
