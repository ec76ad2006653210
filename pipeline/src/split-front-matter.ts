import { parseDocument } from 'yaml';
import { ContentError } from './content-error.ts';

export interface SplitFile {
  /** The parsed YAML mapping. */
  data: Record<string, unknown>;
  body: string;
}

// A line made only of `---` (trailing spaces allowed) opens and closes the block.
const FENCE = /^---[ \t]*$/;

/**
 * Separates YAML front matter from the body. Unlike gray-matter, blank lines
 * before the opening fence are allowed: the scraped files we read start with one.
 */
export function splitFrontMatter(source: string): SplitFile {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  if (text.trim() === '') throw new ContentError('the file is empty');

  const lines = text.split(/\r?\n/);
  let open = 0;
  while (open < lines.length && (lines[open] ?? '').trim() === '') open++;
  if (!FENCE.test(lines[open] ?? '')) {
    throw new ContentError(`no front matter: line ${open + 1} should be "---"`);
  }
  let close = open + 1;
  while (close < lines.length && !FENCE.test(lines[close] ?? '')) close++;
  if (close >= lines.length) {
    throw new ContentError(`unterminated front matter: the "---" on line ${open + 1} is never closed`);
  }

  const yamlText = lines.slice(open + 1, close).join('\n');
  const doc = parseDocument(yamlText, { schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const offset = Math.min(error.pos[0], yamlText.length);
    const line = yamlText.slice(0, offset).split('\n').length + open + 1;
    throw new ContentError(`invalid YAML in front matter at line ${line}: ${firstLine(error.message)}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 50 });
  if (data === null || data === undefined) return { data: {}, body: lines.slice(close + 1).join('\n') };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError(`front matter at line ${open + 2} is not a mapping of fields`);
  }
  return { data: data as Record<string, unknown>, body: lines.slice(close + 1).join('\n') };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
