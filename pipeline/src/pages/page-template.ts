/**
 * The app's page (the built index.html) with an entry page's head (an article's, a category's)
 * in place of its own title and description. The rest stays byte for byte: the same scripts,
 * styles and CSP, so the app starts as on any other address.
 */
export class PageTemplate {
  private readonly before: string;
  private readonly after: string;
  /**
   * The app's base path (Vite's `base`, ending in `/`), read from its module script
   * (`<base>assets/index-….js`): where its data lives. Undefined when the page has no such script.
   */
  readonly base: string | undefined;

  constructor(html: string) {
    this.base = /<script\b[^>]*\bsrc="([^"]*\/)assets\/[^"]+\.js"/i.exec(html)?.[1];
    const head = /<\/head\s*>/i.exec(html);
    if (!head) throw new Error('it has no </head>');
    // The shell's own title and description give way to the article's, where the title was.
    const title = /<title>[\s\S]*?<\/title>\s*/i.exec(html.slice(0, head.index));
    const at = title ? title.index : head.index;
    const rest = title ? html.slice(at + title[0].length) : html.slice(at);
    this.before = html.slice(0, at).replace(/<meta\s+name="description"[^>]*>\s*/i, '');
    this.after = rest.replace(/<meta\s+name="description"[^>]*>\s*/i, '');
  }

  page(head: string): string {
    return `${this.before}${head}\n    ${this.after}`;
  }
}
