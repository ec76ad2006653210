// @vitest-environment jsdom
import { render } from '@testing-library/react';
import DOMPurify from 'dompurify';
import { describe, expect, it, vi } from 'vitest';
import { PAYLOADS } from '../test/hostile-payloads.ts';
import { SanitizedHtml } from './sanitized-html.tsx';

function renderHtml(html: string): HTMLElement {
  const { container } = render(<SanitizedHtml html={html} />);
  return container.firstElementChild as HTMLElement;
}

const HOSTILE: [string, string][] = [
  ['script tag', '<p>正文</p><script>window.__xss = 1</script>'],
  ['event handler on img', '<img src="x" onerror="window.__xss = 1">'],
  ['event handler on p', '<p onclick="window.__xss = 1" onmouseover="window.__xss = 1">正文</p>'],
  ['javascript link', '<a href="javascript:window.__xss=1">链接</a>'],
  [
    'obfuscated javascript link',
    '<a href="java&#x09;script:window.__xss=1">链接</a><a href="&#106;avascript:alert(1)">二</a>',
  ],
  ['mixed case javascript', '<a href="JaVaScRiPt:alert(1)">链接</a>'],
  [
    'form with formaction',
    '<form action="https://evil.example"><button formaction="javascript:alert(1)">X</button></form>',
  ],
  ['style element', '<style>body{display:none}</style><p>正文</p>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object data', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'],
  ['svg onload', '<svg onload="alert(1)"><script>alert(1)</script></svg>'],
  ['svg xlink', '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['math mutation', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['base tag', '<base href="https://evil.example/">'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['data url link', '<a href="data:text/html,<script>alert(1)</script>">链接</a>'],
  ['dom clobbering', '<img name="getElementById"><form id="location"></form><a id="cookie">x</a>'],
];

describe('SanitizedHtml', () => {
  it.each(HOSTILE)('neutralises %s', (_, html) => {
    const root = renderHtml(html);
    expect(
      root.querySelector('script, style, form, iframe, object, embed, svg, math, base, meta, template, button'),
    ).toBeNull();
    for (const element of root.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name).not.toMatch(/^on/i);
        expect(attribute.value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
    expect(root.querySelector('[name="getElementById"], #location, #cookie')).toBeNull();
  });

  // The project's whole hostile corpus, straight into the browser sanitizer (no pipeline before it).
  it.each(PAYLOADS.map((payload) => [payload.id, payload.html]))('neutralises corpus case %s', (_, html) => {
    const root = renderHtml(`<p>前文</p>${html}<p>后文</p>`);
    expect(root).toHaveTextContent('前文');
    expect(
      root.querySelector('script, style, form, iframe, object, embed, svg, math, base, meta, link, template'),
    ).toBeNull();
    for (const element of root.querySelectorAll('*')) {
      for (const { name, value } of element.attributes) {
        expect(name).not.toMatch(/^on/i);
        expect(name).not.toBe('style');
        expect(value.replace(/[\t\n\r]/g, '')).not.toMatch(/^\s*(javascript|vbscript):|^\s*data:text/i);
      }
    }
  });

  it('keeps the text and the stock links, which open safely in a new tab', () => {
    const root = renderHtml(
      '<p style="color:red">江苏省<a class="trsHotWords" style="color: #2f67d1;" target="_self" href="https://quote.example.cn/?code=601008" code="601008">连云港</a>港。</p>',
    );
    const link = root.querySelector('a');
    expect(root).toHaveTextContent('江苏省连云港港。');
    expect(link).toHaveAttribute('href', 'https://quote.example.cn/?code=601008');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).not.toHaveAttribute('style');
    expect(root.querySelector('p')).not.toHaveAttribute('style');
  });

  it('makes remaining images lazy and referrer-free', () => {
    const image = renderHtml('<p><img src="https://img.example.cn/a.jpg" alt="图"></p>').querySelector('img');
    expect(image).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(image).toHaveAttribute('loading', 'lazy');
  });

  it('sanitizes once per body, not on every render', () => {
    const spy = vi.spyOn(DOMPurify, 'sanitize');
    const { rerender } = render(<SanitizedHtml html="<p>一</p>" className="a" />);
    rerender(<SanitizedHtml html="<p>一</p>" className="b" />);
    rerender(<SanitizedHtml html="<p>一</p>" className="c" />);
    expect(spy).toHaveBeenCalledTimes(1);
    rerender(<SanitizedHtml html="<p>二</p>" className="c" />);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('drops every class but the pipeline’s content classes, so no article can wear the app’s styles', () => {
    const root = renderHtml(
      '<div class="modal-backdrop lightbox site-header card__title">伪装</div><p class="c-note c-note-warning evil">提示</p>',
    );
    expect(root.querySelector('div')?.hasAttribute('class')).toBe(false);
    expect(root.querySelector('p')?.getAttribute('class')).toBe('c-note c-note-warning');
  });
});
