import { normalizeSpace } from './white-space.ts';

export interface CaptionParts {
  caption: string;
  credit?: string;
}

// Sentence ends: the credit follows the last of them.
const TERMINATORS = '。！？!?；;';
// 张三摄 / 张三摄（影像中国） / 张三摄影报道 / 张三 摄影 — optionally followed by 数据来源：…
const PHOTOGRAPHER = /摄(?:影报道|影)?\s*(?:[（(][^（()）]{0,20}[）)])?(?:\s+\S.*)?$/u;
const LABELLED = /^(?:图|图片|摄影|来源|数据来源|图片来源|图片提供|视频|制图|供图)\s*[：:／/]/u;
const SUPPLIED = /(?:供图|制图|提供)$/u;
const MAX_CREDIT = 60;
const MAX_CAPTION_SCANNED = 600;

function isCredit(tail: string): boolean {
  if (tail.length === 0 || tail.length > MAX_CREDIT) return false;
  return (
    PHOTOGRAPHER.test(tail) || LABELLED.test(tail) || SUPPLIED.test(tail) || /(?:^|\s)(?:数据)?来源[：:]/u.test(tail)
  );
}

/**
 * Splits a caption from its photographer credit, which news sites append:
 * `…码头一派繁忙景象。 耿玉和摄（影像中国）` or `…出发。 吴 君 肖一鸣摄影报道 数据来源：海关总署`.
 */
export function splitCredit(raw: string): CaptionParts {
  const text = normalizeSpace(raw);
  if (text === '') return { caption: '' };
  // Credits end short captions; a long text is a paragraph, and the patterns below backtrack on it.
  if (text.length > MAX_CAPTION_SCANNED) return { caption: text };

  // 1. After the last sentence end.
  let end = -1;
  for (let i = text.length - 2; i >= 0; i--) {
    if (TERMINATORS.includes(text[i] as string)) {
      end = i;
      break;
    }
  }
  if (end >= 0) {
    const tail = text.slice(end + 1).trim();
    if (isCredit(tail)) return withCredit(text.slice(0, end + 1), unwrap(tail));
  }

  // 2. A trailing parenthesised credit: …（新华社记者 张三 摄）
  const paren = /^(.*?)\s*[（(]([^（()）]{1,40})[）)]$/u.exec(text);
  if (paren && /摄|供图|来源/u.test(paren[2] ?? '') && paren[1] !== '') {
    return withCredit(paren[1] ?? '', normalizeSpace(paren[2] ?? ''));
  }

  // 3. A labelled credit after a space: … 图：张三 / … 来源：新华社
  const labelled = /^(.*\S)\s+((?:图|图片|摄影|来源|数据来源|图片来源)\s*[：:／/].*)$/u.exec(text);
  if (labelled && (labelled[2] ?? '').length <= MAX_CREDIT) return withCredit(labelled[1] ?? '', labelled[2] ?? '');

  // 4. A name and 摄 after the last space; names padded with spaces (唐 克) keep their parts.
  const named = /^(.*\S)\s+(\S{1,12}摄(?:影报道|影)?(?:[（(][^（()）]{0,20}[）)])?)$/u.exec(text);
  if (named) {
    let caption = named[1] ?? '';
    let credit = named[2] ?? '';
    let single = /^(.*\S)\s+(\S)$/u.exec(caption);
    while (single && !TERMINATORS.includes(single[2] ?? '')) {
      credit = `${single[2] ?? ''} ${credit}`;
      caption = single[1] ?? '';
      single = /^(.*\S)\s+(\S)$/u.exec(caption);
    }
    return withCredit(caption, credit);
  }

  // 5. The whole caption is a credit.
  if (text.length <= 20 && ((PHOTOGRAPHER.test(text) && /^\S{1,12}摄/u.test(text)) || LABELLED.test(text))) {
    return { caption: '', credit: text };
  }
  return { caption: text };
}

function unwrap(credit: string): string {
  const inner = /^[（(]([^（()）]*)[）)]$/u.exec(credit);
  return normalizeSpace(inner ? (inner[1] ?? '') : credit);
}

function withCredit(caption: string, credit: string): CaptionParts {
  return credit === '' ? { caption: caption.trim() } : { caption: caption.trim(), credit };
}
