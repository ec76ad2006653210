import { describe, expect, it } from 'vitest';
import { printable } from './report.ts';

describe('printable', () => {
  it('shows control characters and text-reordering marks as escapes', () => {
    expect(printable('a\x1b[2Kbuilt 100 articles\rb')).toBe('a\\x1b[2Kbuilt 100 articles\\x0db');
    expect(printable('evil\u202egnp.md\u0085\u2028')).toBe('evil\\u202egnp.md\\x85\\u2028');
    expect(printable('港口夜色 2024-04-01 a b.md')).toBe('港口夜色 2024-04-01 a b.md');
  });
});
