import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { ContentError } from './content-error.ts';
import { readSimpleYaml } from './simple-yaml.ts';

export interface SplitFile {
  /** The front matter's fields ({} when the file has none). */
  data: Record<string, unknown>;
  body: string;
  /** How the front matter was written, for messages. */
  form: 'fenced' | 'unfenced' | 'none';
  /** Set when the file opens with a fence that is never closed: then all of it is the body. */
  unclosedFence?: { fence: string; line: number };
}

// A fence line: three or more dashes (YAML) or semicolons (JSON).
const FENCE = /^(-{3,}|;{3,})[ \t]*$/;
const SEPARATOR_START = /^(-{3,}|;{3,})/;
/** Front matter without an opening fence is never this long: past it, a `---` is a rule in the text. */
const MAX_UNFENCED_BYTES = 64 * 1024;

/**
 * Separates the front matter from the body as hexo-front-matter does, on text whose line ends
 * are `\n` (decode-text.ts):
 * - fenced: a first line of `---` (or `------`, or `;;;` for JSON) and the same line again
 *   to close it. Blank lines before the first fence are allowed (the scraped files have one);
 *   a fence that is never closed leaves the whole file as body, as Hexo does;
 * - unfenced: the lines before the first line that begins with `---` or `;;;`, when they read
 *   as a mapping (`title: …` lines); otherwise the file has no front matter at all.
 * Tabs that indent YAML lines count as two spaces each, as in Hexo.
 */
export function splitFrontMatter(text: string): SplitFile {
  if (text.trim() === '') throw new ContentError('the file is empty');
  const lines = lineReader(text);

  let first = lines.next();
  while (first && first.text.trim() === '') first = lines.next();
  if (!first) throw new ContentError('the file is empty');

  const opening = FENCE.exec(first.text);
  if (opening) {
    const fence = opening[1] as string;
    for (let line = lines.next(); line; line = lines.next()) {
      if (line.text.trimEnd() !== fence) continue;
      const source = text.slice(first.end + 1, Math.max(first.end + 1, line.start - 1));
      const data = fence.startsWith(';') ? parseJson(source, first.number) : parseYaml(source, first.number);
      return { data, body: text.slice(line.end + 1), form: 'fenced' };
    }
    return { data: {}, body: text, form: 'none', unclosedFence: { fence, line: first.number } };
  }
  if (SEPARATOR_START.test(first.text)) return { data: {}, body: text, form: 'none' };

  // No opening fence: the front matter, if any, ends at the first separator line.
  for (let line = lines.next(); line && line.start <= MAX_UNFENCED_BYTES; line = lines.next()) {
    const separator = SEPARATOR_START.exec(line.text)?.[1];
    if (!separator) continue;
    const source = text.slice(0, line.start);
    const data = separator.startsWith(';') ? tryJson(source) : tryYaml(source);
    if (!data) break;
    // The separator's line is dropped when nothing follows the dashes on it.
    const rest = text.slice(line.start + separator.length, line.end);
    const body = rest.trim() === '' ? text.slice(line.end + 1) : text.slice(line.start + separator.length);
    return { data, body, form: 'unfenced' };
  }
  return { data: {}, body: text, form: 'none' };
}

interface Line {
  text: string;
  /** Offsets of its first character and of its line end in the whole text. */
  start: number;
  end: number;
  /** From 1. */
  number: number;
}

/** The text's lines one at a time, without splitting the rest: the body is most of a file. */
function lineReader(text: string): { next(): Line | undefined } {
  let at = 0;
  let number = 0;
  return {
    next() {
      if (at > text.length) return undefined;
      let end = text.indexOf('\n', at);
      if (end === -1) end = text.length;
      const line = { text: text.slice(at, end), start: at, end, number: ++number };
      at = end + 1;
      return line;
    },
  };
}

/** Hexo reads an indenting tab as two spaces (hexo-front-matter's escapeYAML). */
function untab(source: string): string {
  return source.includes('\t') ? source.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length)) : source;
}

/**
 * The YAML parser, loaded the first time a front matter needs more than readSimpleYaml reads
 * (anchors, block scalars, flow mappings): most archives never load it, and each parse worker
 * that does pays for it then, not at its start (its code was 240 KB of the worker's 550).
 */
let yamlParser: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  if (yamlParser) return yamlParser;
  const loaded: typeof Yaml = createRequire(import.meta.url)('yaml');
  yamlParser = loaded;
  return loaded;
}

function readYaml(source: string): { data?: unknown; error?: { line: number; message: string } } {
  const text = untab(source);
  // Nearly every file's front matter is plain `key: value` lines and lists: read those directly.
  const simple = readSimpleYaml(text);
  if (simple) return { data: simple };
  const doc = yaml().parseDocument(text, { schema: 'core', prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const offset = Math.min(error.pos[0], text.length);
    return { error: { line: text.slice(0, offset).split('\n').length, message: error.message.split('\n')[0] ?? '' } };
  }
  return { data: doc.toJS({ maxAliasCount: 50 }) };
}

const isMapping = (data: unknown): data is Record<string, unknown> =>
  typeof data === 'object' && data !== null && !Array.isArray(data) && !(data instanceof Date);

function parseYaml(source: string, fenceLine: number): Record<string, unknown> {
  const { data, error } = readYaml(source);
  if (error) throw new ContentError(`invalid YAML in front matter at line ${fenceLine + error.line}: ${error.message}`);
  if (data === null || data === undefined) return {};
  if (!isMapping(data)) throw new ContentError(`front matter at line ${fenceLine + 1} is not a mapping of fields`);
  return data;
}

function parseJson(source: string, fenceLine: number): Record<string, unknown> {
  const data = tryJson(source);
  if (!data)
    throw new ContentError(`invalid JSON in front matter (line ${fenceLine + 1}): expected "key": value pairs`);
  return data;
}

function tryYaml(source: string): Record<string, unknown> | undefined {
  const { data } = readYaml(source);
  return isMapping(data) && Object.keys(data).length > 0 ? data : undefined;
}

/** Hexo's JSON front matter is the inside of an object: `"title": "x", "tags": [...]`. */
function tryJson(source: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(`{${source}}`);
    return isMapping(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
