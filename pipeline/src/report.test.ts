import { describe, expect, it } from 'vitest';
import { describeFailure, PipelineError, printable } from './report.ts';

describe('printable', () => {
  it('shows control characters and text-reordering marks as escapes', () => {
    expect(printable('a\x1b[2Kbuilt 100 articles\rb')).toBe('a\\x1b[2Kbuilt 100 articles\\x0db');
    expect(printable('evil\u202egnp.md\u0085\u2028')).toBe('evil\\u202egnp.md\\x85\\u2028');
    expect(printable('港口夜色 2024-04-01 a b.md')).toBe('港口夜色 2024-04-01 a b.md');
  });
});

describe('describeFailure', () => {
  it('says "disk full" for a full disk, and escapes what it prints', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(describeFailure(full, '/site/da\x1bta')).toBe(
      'error: disk full: the output could not be written; /site/da\\x1bta is as it was',
    );
    expect(describeFailure(new PipelineError('bad\roption'), '/x')).toBe('error: bad\\x0doption');
    expect(describeFailure(new TypeError('a bug'), '/x')).toBeUndefined();
  });
});
