import render from 'dom-serializer';
import { Document, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { PAYLOADS } from '../../../src/test/hostile-payloads.ts';
import { sanitizeBody } from './sanitize-body.ts';

function clean(html: string): string {
  const document = parseDocument(html, { decodeEntities: true });
  sanitizeBody(document);
  return render(document, { encodeEntities: 'utf8' });
}

describe('sanitizeBody', () => {
  it('keeps article markup, stock links and text', () => {
    expect(
      clean(
        '<p style="text-align:left" id="x">正文<a class="trsHotWords" href="https://q.example.cn/?c=1" code="1" target="_blank">东港</a></p><h2>小标题</h2><ul><li>一</li></ul>',
      ),
    ).toBe('<p>正文<a href="https://q.example.cn/?c=1">东港</a></p><h2>小标题</h2><ul><li>一</li></ul>');
  });

  it('keeps the column alignment of tables, and no other align', () => {
    expect(
      clean(
        '<table><tr><th align="right">数</th><td align="center">一</td><td align="javascript:x">二</td></tr></table><p align="right">段</p>',
      ),
    ).toBe('<table><tr><th align="right">数</th><td align="center">一</td><td>二</td></tr></table><p>段</p>');
  });

  it('drops dangerous elements with their content and unwraps unknown ones', () => {
    expect(
      clean('<p>甲<script>alert(1)</script>乙<style>p{}</style><marquee>丙</marquee><svg><text>丁</text></svg></p>'),
    ).toBe('<p>甲乙丙</p>');
    expect(clean('<form action="x"><p>表单里的字</p><input value="v"></form><!-- 注释 -->')).toBe('<p>表单里的字</p>');
  });

  it('removes handlers and unsafe URLs', () => {
    expect(clean('<a href="java\tscript:alert(1)" onclick="x">链</a><img src="x" onerror="alert(1)">')).toBe(
      '<a>链</a><img src="x">',
    );
    expect(clean('<a href="mailto:a@b.cn">信</a><a href="/local">本站</a>')).toBe(
      '<a href="mailto:a@b.cn">信</a><a href="/local">本站</a>',
    );
  });

  it.each(PAYLOADS.map((payload) => [payload.id, payload.html]))('leaves nothing that can run: %s', (_, html) => {
    const output = clean(`<p>前</p>${html}<p>后</p>`);
    expect(output).not.toMatch(/<(script|style|iframe|object|embed|svg|math|base|meta|link|form|template|noscript)\b/i);
    expect(output).not.toMatch(/\son[a-z]+\s*=/i);
    expect(output).not.toMatch(/(href|src|action|formaction)\s*=\s*"\s*(javascript|vbscript|data):/i);
    expect(output).not.toMatch(/\sstyle\s*=/i);
  });

  it('survives very deep nesting without recursion', () => {
    // Built by hand: the HTML parser itself is slow at this depth (the pipeline refuses it earlier).
    const deep = new Document([]);
    let parent: Document | Element = deep;
    for (let i = 0; i < 100_000; i++) {
      const child: Element = new Element(i % 2 ? 'marquee' : 'span', { onclick: 'x' });
      child.parent = parent;
      parent.children.push(child);
      parent = child;
    }
    expect(() => sanitizeBody(deep)).not.toThrow();
    expect((deep.children[0] as Element).attribs).toEqual({});
  });
});

describe('sanitizeBody classes', () => {
  it('keeps only the pipeline’s own content classes, never the app’s', () => {
    expect(
      clean(
        '<div class="modal-backdrop"><div class="modal">登录已过期<a href="https://evil.example/login">点此重新登录</a></div></div>' +
          '<header class="site-header">假页头</header><h2 class="card__title c-note x"><a class="lightbox" href="#">标题</a></h2>' +
          '<div class="c-note c-note-info  c-note">提示</div>',
      ),
    ).toBe(
      '<div><div>登录已过期<a href="https://evil.example/login">点此重新登录</a></div></div><header>假页头</header>' +
        '<h2 class="c-note"><a href="#">标题</a></h2><div class="c-note c-note-info">提示</div>',
    );
  });
});

describe('sanitizeBody on large input', () => {
  it('unwraps many siblings in linear time', () => {
    const flat = parseDocument(`<p>${'<o:p>字</o:p>'.repeat(100_000)}</p>`);
    sanitizeBody(flat);
    const paragraph = flat.children[0] as Element;
    expect(paragraph.children).toHaveLength(100_000);
    expect(paragraph.children[1]?.prev).toBe(paragraph.children[0]);
  });
});

describe('sanitizeBody headings', () => {
  it('turns headings of level 1 into level 2, so the title stays the page’s only h1', () => {
    expect(clean('<h1>正文里的大标题</h1>')).toBe('<h2>正文里的大标题</h2>');
  });
});
