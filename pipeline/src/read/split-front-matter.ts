import { parseDocument } from 'yaml';
import { ContentError } from './content-error.ts';
import { readSimpleYaml } from './simple-yaml.ts';

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

  // Lines are read up to the closing fence only: the body, nearly all of the file, is never split.
  const lines: string[] = [];
  let at = 0;
  let open = -1;
  let close = -1;
  while (close === -1 && at <= text.length) {
    const end = text.indexOf('\n', at);
    let line = end === -1 ? text.slice(at) : text.slice(at, end);
    if (end !== -1 && line.endsWith('\r')) line = line.slice(0, -1);
    at = end === -1 ? text.length + 1 : end + 1;
    lines.push(line);
    if (open === -1) {
      if (line.trim() === '') continue;
      if (!FENCE.test(line)) throw new ContentError(`no front matter: line ${lines.length} should be "---"`);
      open = lines.length - 1;
    } else if (FENCE.test(line)) {
      close = lines.length - 1;
    }
  }
  if (close === -1) {
    throw new ContentError(`unterminated front matter: the "---" on line ${open + 1} is never closed`);
  }

  const yamlText = lines.slice(open + 1, close).join('\n');
  const rest = at > text.length ? '' : text.slice(at);
  const body = () => (rest.includes('\r\n') ? rest.replaceAll('\r\n', '\n') : rest);
  // Nearly every file's front matter is plain `key: value` lines and lists: read those directly.
  const simple = readSimpleYaml(yamlText);
  if (simple) return { data: simple, body: body() };
  const doc = parseDocument(yamlText, { schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const offset = Math.min(error.pos[0], yamlText.length);
    const line = yamlText.slice(0, offset).split('\n').length + open + 1;
    throw new ContentError(`invalid YAML in front matter at line ${line}: ${firstLine(error.message)}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 50 });
  if (data === null || data === undefined) return { data: {}, body: body() };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ContentError(`front matter at line ${open + 2} is not a mapping of fields`);
  }
  return { data: data as Record<string, unknown>, body: body() };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
