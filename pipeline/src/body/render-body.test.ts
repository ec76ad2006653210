import { describe, expect, it } from 'vitest';
import { detectBodyFormat, renderBody } from './render-body.ts';

describe('detectBodyFormat', () => {
  it.each([
    ['\n<div>\n<p style="text-align:center"><img src="x"></p>\n\n    \n</div>', 'html'],
    ['<p>第一段</p>\n\n    <p>缩进的第二段</p>', 'html'],
    ['<figure><img src="x"><figcaption>说明</figcaption></figure>', 'html'],
    ['<p>1. 不是列表</p>', 'html'],
    ['', 'html'],
    ['第一段文字。\n\n第二段。', 'markdown'],
    ['## 小标题\n\n正文', 'markdown'],
    ['<p>导语</p>\n\n## 小标题\n\n![图](x.jpg)', 'markdown'],
    ['<img src="x.jpg">\n\n正文', 'markdown'],
  ])('%j is %s', (body, format) => {
    expect(detectBodyFormat(body)).toBe(format);
  });
});

describe('renderBody', () => {
  it('keeps HTML as it is, indentation included', () => {
    const body = '<div>\n\n    <p>缩进</p>\n</div>';
    expect(renderBody(body, { asset: () => undefined, warnings: new Set() })).toEqual({ html: body, format: 'html' });
  });

  it('renders Markdown and lets HTML through', () => {
    const { html, format } = renderBody('**加粗**\n\n<span class="x">原样</span>', {
      asset: () => undefined,
      warnings: new Set(),
    });
    expect(format).toBe('markdown');
    expect(html).toContain('<strong>加粗</strong>');
    expect(html).toContain('<span class="x">原样</span>');
  });
});
