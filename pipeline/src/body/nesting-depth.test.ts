import { describe, expect, it } from 'vitest';
import { nestingDepth } from './nesting-depth.ts';

describe('nestingDepth', () => {
  it('counts nested elements', () => {
    expect(nestingDepth('<div><section><span>字</span></section></div>')).toBe(3);
  });
  it('does not count void elements, self-closing tags or unclosed paragraphs', () => {
    expect(nestingDepth(`<div>${'<p>段落'.repeat(5000)}<img src="x"><br/><hr></div>`)).toBe(1);
    expect(nestingDepth('<ul><li>一<li>二</ul><table><tr><td>格</table>')).toBe(1);
  });
  it('sees a hostile depth', () => {
    expect(nestingDepth('<div>'.repeat(100_000))).toBe(100_000);
  });
});
