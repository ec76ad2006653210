import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  forEachTerm,
  longWords,
  MAX_QUERY_TERMS,
  normalizeText,
  planQuery,
  splitRuns,
  termBucket,
} from './search-terms.ts';

const termsOf = (text: string, words = false) => {
  const terms: string[] = [];
  forEachTerm(text, (term) => terms.push(term), words);
  return terms;
};

describe('normalizeText', () => {
  it('folds full-width letters and digits to ASCII, and case', () => {
    expect(normalizeText('ＡＢＣ１２３，Ｈｅｌｌｏ')).toBe('abc123,hello');
  });
});

describe('forEachTerm', () => {
  it('indexes every character and bigram of a Chinese run', () => {
    expect(termsOf('中欧班列').sort()).toEqual(['中', '中欧', '欧', '欧班', '班', '班列', '列'].sort());
  });

  it('never pairs characters across punctuation or spaces', () => {
    const terms = termsOf('东港，西江 南湖');
    expect(terms).toContain('东港');
    expect(terms).toContain('西江');
    expect(terms).not.toContain('港西');
    expect(terms).not.toContain('江南');
  });

  it('keeps Latin words and numbers whole, lower-cased, with decimal points', () => {
    const terms = termsOf('5G基站覆盖率达98.5%，iPhone与ＡＩ');
    expect(terms).toEqual(expect.arrayContaining(['5g', '基站', '98.5', 'iphone', 'ai']));
    expect(terms).not.toContain('98');
  });

  it('treats full-width and half-width text alike', () => {
    expect(termsOf('ＣＯＶＩＤ－１９')).toEqual(termsOf('covid-19'));
    expect(termsOf('covid-19')).toEqual(['covid', '19']);
  });

  it('indexes characters outside the Basic Multilingual Plane as whole characters', () => {
    expect(termsOf('𠀀𠀁').sort()).toEqual(['𠀀', '𠀀𠀁', '𠀁'].sort());
    expect(termsOf('中𠀀').sort()).toEqual(['中', '𠀀', '中𠀀'].sort());
  });

  it('adds long words from the segmenter only when asked', () => {
    const text = '中华人民共和国';
    const words = longWords(text);
    for (const word of words) expect(text).toContain(word);
    expect(termsOf(text, true)).toEqual([...termsOf(text), ...words]);
  });

  it('ignores text with no letters, digits or CJK', () => {
    expect(termsOf('，。！？—— …  ')).toEqual([]);
  });
});

describe('planQuery', () => {
  it('looks a Chinese query up by all its bigrams, as a phrase', () => {
    expect(planQuery('中欧班列').required).toEqual(['中欧', '欧班', '班列']);
    expect(planQuery('滚装船').required).toEqual(['滚装', '装船']);
  });

  it('covers a long query with non-overlapping bigrams and the last one', () => {
    expect(planQuery('进出口总值同比增长').required).toHaveLength(8);
    expect(planQuery('进出口总值同比大幅增长').required).toEqual(['进出', '口总', '值同', '比大', '幅增', '增长']);
  });

  it('looks a single character up as itself', () => {
    expect(planQuery('港').required).toEqual(['港']);
  });

  it('handles mixed queries, full-width input and punctuation', () => {
    expect(planQuery('  Ｈｅｌｌｏ，世界 2024 ').required).toEqual(['hello', '世界', '2024']);
    expect(planQuery('，。').required).toEqual([]);
  });

  it('marks the longest runs first and never looks up more than a few terms', () => {
    const plan = planQuery('港 中欧班列 a');
    expect(plan.highlights).toEqual(['中欧班列', '港', 'a']);
    const long = planQuery('一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯');
    expect(long.required.length + long.optional.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
  });

  it('finds, in the index terms of any text, every term a query for a piece of it looks up', () => {
    const piece = fc.constantFrom(
      '中欧班列',
      '滚装船',
      '进出口',
      'ＡＩ',
      'ai芯片',
      '98.5',
      '港',
      '东港码头',
      ' ',
      '，',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const start = a % text.length;
        const query = text.slice(start, start + 1 + (b % 6));
        const indexed = new Set(termsOf(text));
        // Cutting through a number or word may leave a fragment that is no term: only whole runs count.
        const runs = splitRuns(normalizeText(query)).filter((run) => run.kind === 'cjk');
        for (const run of runs) {
          for (const term of planQuery(run.chars.join('')).required) expect(indexed).toContain(term);
        }
      }),
    );
  });
});

describe('termBucket', () => {
  it('is stable, within range, and spreads terms evenly', () => {
    expect(termBucket('中欧', 64)).toBe(termBucket('中欧', 64));
    const counts = new Array<number>(16).fill(0);
    for (let code = 0x4e00; code < 0x4e00 + 4000; code++) {
      const bucket = termBucket(String.fromCharCode(code, code + 1), 16);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(16);
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    // 250 each on average: no chunk holds twice its share.
    for (const count of counts) expect(count).toBeGreaterThan(200);
    for (const count of counts) expect(count).toBeLessThan(300);
  });
});
