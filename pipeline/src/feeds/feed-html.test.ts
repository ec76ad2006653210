import { describe, expect, it } from 'vitest';
import type { Photo } from '../../../src/lib/content-contract.ts';
import { feedHtml, xmlSafe } from './feed-html.ts';

const SITE = new URL('https://news.example.cn/zh/');
const URL_OF = 'https://news.example.cn/zh/article/a1';

const photo = (src: string, anchor: number, caption = '', credit?: string): Photo => ({
  src,
  alt: caption || '照片',
  caption,
  anchor,
  ...(credit && { credit }),
});

describe('feedHtml', () => {
  it('puts each photo back before the block that stood after it, with its caption and credit', () => {
    // 甲乙 is 2 characters of text, 丙丁戊 3 more: anchors 0, 2 and 5 stand before, between, after.
    const html = feedHtml(
      {
        html: '<p>甲乙</p>\n<p>丙 丁戊</p>',
        photos: [
          photo('https://img.example.cn/2.jpg', 2, '河上的桥', '耿玉和摄（影像中国）'),
          photo('/photos/1.jpg', 0, '清晨'),
          photo('https://img.example.cn/3.jpg', 5),
        ],
      },
      URL_OF,
      SITE,
    );
    expect(html).toBe(
      '<figure><img src="https://news.example.cn/zh/photos/1.jpg" alt="清晨" /><figcaption>清晨</figcaption></figure>' +
        '<p>甲乙</p>\n' +
        '<figure><img src="https://img.example.cn/2.jpg" alt="河上的桥" /><figcaption>河上的桥 <small>耿玉和摄（影像中国）</small></figcaption></figure>' +
        '<p>丙 丁戊</p>' +
        '<figure><img src="https://img.example.cn/3.jpg" alt="照片" /></figure>',
    );
  });

  it('places a photo anchored inside a block after that block, and keeps its size', () => {
    const html = feedHtml(
      {
        html: '<div><p>一二</p><p>三四</p></div><p>五</p>',
        photos: [{ ...photo('https://img.example.cn/x.jpg', 2, '图'), width: 800, height: 600 }],
      },
      URL_OF,
      SITE,
    );
    expect(html).toBe(
      '<div><p>一二</p><p>三四</p></div>' +
        '<figure><img src="https://img.example.cn/x.jpg" alt="图" width="800" height="600" /><figcaption>图</figcaption></figure>' +
        '<p>五</p>',
    );
  });

  it('makes every address absolute: under the site for a site path, else against the article', () => {
    const html = feedHtml(
      {
        html:
          '<p><a href="#section">本文</a> <a href="/article/b2">另一篇</a> <a href="../category/x">栏目</a> ' +
          '<a href="//cdn.example.cn/a.pdf">文件</a> <img src="inline.png" alt="" /><q cite="https://example.org/q">引</q></p>',
        photos: [],
      },
      URL_OF,
      SITE,
    );
    expect(html).toContain('href="https://news.example.cn/zh/article/a1#section"');
    expect(html).toContain('href="https://news.example.cn/zh/article/b2"');
    expect(html).toContain('href="https://news.example.cn/zh/category/x"');
    expect(html).toContain('href="https://cdn.example.cn/a.pdf"');
    expect(html).toContain('src="https://news.example.cn/zh/article/inline.png"');
    expect(html).toContain('cite="https://example.org/q"');
  });

  it('drops an address that is not http(s) and what XML cannot carry, and escapes captions', () => {
    const html = feedHtml(
      {
        html: '<p>文\u0001字\ud800<a href="mailto:x@example.cn">信</a></p>',
        photos: [photo('https://img.example.cn/<x>.jpg', 0, '<b>说明</b> & "引号"')],
      },
      URL_OF,
      SITE,
    );
    expect(html).toContain('<p>文字<a>信</a></p>');
    expect(html).toContain('<figcaption>&lt;b&gt;说明&lt;/b&gt; &amp; &quot;引号&quot;</figcaption>');
    expect(html).toContain('src="https://img.example.cn/&lt;x&gt;.jpg"');
    expect(xmlSafe('a\u0000b\u000bc\ufffed\udc00e😀\tf\n')).toBe('abcde😀\tf\n');
  });
});
