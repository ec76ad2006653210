import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../parse/parse-article-file.ts';
import { joinBlocks } from './excerpt.ts';

// The excerpt rule (issue 13), for any body made of the blocks real posts hold: the text before
// `<!-- more -->`, else `description:`, else the first paragraphs and list items, at most 120
// characters, each block whole or cut at its end, never a heading, code, a caption or a table cell.

type Block = { kind: 'paragraph' | 'item' | 'heading' | 'code' | 'caption' | 'cell'; text: string } | { kind: 'more' };

// Each kind of block has its own alphabet, so any character of the excerpt says where it came from.
const words = (alphabet: string) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 60 })
    .map((chars) => chars.join('').trim())
    .filter((text) => text.length > 0);
const block: fc.Arbitrary<Block> = fc.oneof(
  words('天地玄黄宇宙洪荒，。').map((text) => ({ kind: 'paragraph' as const, text })),
  words('日月盈昃辰宿列张').map((text) => ({ kind: 'item' as const, text })),
  words('寒来暑往秋收冬藏').map((text) => ({ kind: 'heading' as const, text })),
  words('xyzw').map((text) => ({ kind: 'code' as const, text })),
  words('闰余成岁律吕调阳').map((text) => ({ kind: 'caption' as const, text })),
  words('云腾致雨露结为霜').map((text) => ({ kind: 'cell' as const, text })),
  fc.constant({ kind: 'more' as const }),
);

function markdown(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'paragraph':
          return b.text;
        case 'item':
          return `- ${b.text}`;
        case 'heading':
          return `## ${b.text}`;
        case 'code':
          return `\`\`\`\n${b.text}\n\`\`\``;
        case 'caption':
          return `![](https://img.example.cn/a.jpg)\n<figcaption>${b.text}</figcaption>`;
        case 'cell':
          return `| 表 |\n|---|\n| ${b.text} |`;
        case 'more':
          return '<!-- more -->';
      }
    })
    .join('\n\n');
}

/** The blocks an excerpt may show, in order, up to the first `<!-- more -->`. */
function shownBlocks(blocks: Block[]): { texts: string[]; sawMore: boolean } {
  const texts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'more') return { texts, sawMore: true };
    if (b.kind === 'paragraph' || b.kind === 'item') texts.push(b.text.replace(/\s+/g, ' '));
  }
  return { texts, sawMore: false };
}

describe('excerpt', () => {
  it('keeps blocks apart, except after Chinese punctuation, where the text runs on as written', () => {
    expect(joinBlocks(['袁隆平', '十多年前。', '第二段', 'Last one.', 'Next'])).toBe(
      '袁隆平 十多年前。第二段 Last one. Next',
    );
  });

  it('follows the rule for any mix of blocks, marker and description', () => {
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 8 }),
        fc.option(words('描述摘要'), { nil: undefined }),
        (blocks, description) => {
          const front = `title: 标题\ndate: 2024-01-01${description ? `\ndescription: ${description}` : ''}`;
          const result = parseArticleFile({
            id: 'p',
            relative: 'p.md',
            source: new TextEncoder().encode(`---\n${front}\n---\n${markdown(blocks)}\n`),
            mtimeMs: 0,
            timeZone: 'Asia/Shanghai',
          });
          if (!result.ok) throw new Error(result.error);
          const { excerpt } = result.article;
          expect(Array.from(excerpt).length).toBeLessThanOrEqual(120);

          const { texts, sawMore } = shownBlocks(blocks);
          const source = !sawMore && description ? description : joinBlocks(texts);
          // What it shows is the head of the source: whole, or cut (with "…" unless cut at a sentence end).
          const shown = excerpt.replace(/…$/, '');
          expect(source.startsWith(shown)).toBe(true);
          if (Array.from(source).length <= 120) expect(excerpt).toBe(source);
          else expect(Array.from(shown).length).toBeGreaterThanOrEqual(79);
        },
      ),
      { numRuns: 300 },
    );
  });
});
