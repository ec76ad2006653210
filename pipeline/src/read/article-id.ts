import { createHash } from 'node:crypto';
import { isArticleId } from '../../../src/lib/content-contract.ts';
import type { InputFile } from './list-input.ts';

/** A file and the id its article is published under. */
export interface IdentifiedFile extends InputFile {
  id: string;
  /** Said once per run when the id is not the file's name. */
  warning?: string;
}

const SLUG_BYTES = 80;
// Runs of anything an id may not hold.
const NOT_ID = /[^\p{L}\p{M}\p{N}_.-]+/gu;
const utf8 = new TextEncoder();

const hash8 = (text: string) => createHash('sha1').update(text).digest('hex').slice(0, 8);

/** Drops `-` and `.` from both ends, by index (a trimming regex backtracks on long runs). */
function trimJoiners(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === '-' || text[start] === '.')) start++;
  while (end > start && (text[end - 1] === '-' || text[end - 1] === '.')) end--;
  return text.slice(start, end);
}

/** At most `bytes` of UTF-8, cut between code points. */
function truncateBytes(text: string, bytes: number): string {
  if (utf8.encode(text).length <= bytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8.encode(char).length;
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/** A URL-safe form of any text: what is allowed stays, runs of the rest become `-`. */
function slugOf(text: string): string {
  return trimJoiners(truncateBytes(trimJoiners(text.normalize('NFC').replace(NOT_ID, '-')), SLUG_BYTES));
}

/**
 * The id a file name gives: the name itself when it is already a valid id (`港口夜色`,
 * `2019-10-14-hexo-4-released`); otherwise its usable part and a hash of the whole name, so
 * that `a b.md`, `a#b.md`, `100%.md` or a name of 300 bytes each get a short id of their own
 * that never changes (`a-b-1c4e…`).
 */
export function idForName(stem: string): string {
  const normal = stem.normalize('NFC');
  if (isArticleId(normal)) return normal;
  return `${slugOf(normal) || 'article'}-${hash8(stem)}`;
}

/** A file's name without its folder and extension: the id it asks for. */
export const stemOf = (relative: string) => {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  return name.slice(0, name.lastIndexOf('.'));
};

/**
 * Gives every file a unique id. Ids are compared without case, because a case-insensitive
 * file system or host would make `A.json` and `a.json` one file. A file keeps the id it had
 * in the previous build when that id is still one of its own; otherwise files claim ids
 * shallowest first, then in path order. When two files want one id (the same name in two folders), the later one gets
 * the id qualified by its folder (`2020-hello`), with a warning, or by a hash of its path if
 * even that is taken: every id is stable while the files stay where they are.
 */
export function assignIds(
  files: readonly InputFile[],
  previousIds: ReadonlyMap<string, string> = new Map(),
): IdentifiedFile[] {
  const owners = new Map<string, string>(); // id in lower case → the file that has it
  const chosen = new Map<string, string>(); // file → its id
  const free = (id: string) => !owners.has(id.toLowerCase());
  const take = (relative: string, id: string) => {
    owners.set(id.toLowerCase(), relative);
    chosen.set(relative, id);
  };
  // The qualified ids are worked out only for a file that needs them (one that clashes, or kept
  // a qualified id): for 100,000 files that all keep their names, they cost most of a second.
  // Nothing is made per file but its one record: no closure, no spread.
  const wanted = files.map((file) => {
    const stem = stemOf(file.relative);
    const before = previousIds.get(file.relative);
    // A file that kept its own name as its id: that name is a valid id (it was published), so
    // it is what idForName gives, without normalizing and checking it again.
    const id = before === stem ? stem : idForName(stem);
    return { file, stem, id, before, depth: depthOf(file.relative) };
  });
  // The ids a file may take when its own is taken, worked out only for the few that need them.
  const others = ({ file, id }: { file: InputFile; id: string }) => qualifiedIds(file.relative, id);

  for (const want of wanted) {
    const { file, id, before } = want;
    if (before !== undefined && (before === id || others(want).includes(before)) && free(before))
      take(file.relative, before);
  }
  // Shallower files first, then by path: `hello.md` keeps "hello" before `2020/hello.md`.
  const rest = wanted.filter(({ file }) => !chosen.has(file.relative));
  rest.sort((a, b) => a.depth - b.depth || (a.file.relative < b.file.relative ? -1 : 1));
  for (const want of rest) {
    const { file, id: wantedId } = want;
    if (free(wantedId)) {
      take(file.relative, wantedId);
      continue;
    }
    const choices = others(want);
    let id = choices.find(free);
    const last = choices.at(-1) ?? wantedId;
    for (let n = 2; id === undefined; n++) if (free(`${last}-${n}`)) id = `${last}-${n}`;
    take(file.relative, id);
  }

  return wanted.map(({ file, stem, id: wantedId }) => {
    const id = chosen.get(file.relative) as string;
    if (id === stem) return file.link === undefined ? { relative: file.relative, id } : { ...file, id };
    if (id !== wantedId) {
      const owner = owners.get(wantedId.toLowerCase());
      return { ...file, id, warning: `published as "${id}": ${owner} has the id "${wantedId}"` };
    }
    if (id !== stem.normalize('NFC')) {
      return { ...file, id, warning: `published as "${id}": the file name cannot be used in a web address as it is` };
    }
    return { ...file, id };
  });
}

/** How many folders deep a file is, plus one: counted, not split (a million arrays at a cold build). */
function depthOf(relative: string): number {
  let depth = 1;
  for (let at = relative.indexOf('/'); at !== -1; at = relative.indexOf('/', at + 1)) depth++;
  return depth;
}

/** The ids a clashing file may take instead: qualified by its folder, else by its path's hash. */
function qualifiedIds(relative: string, id: string): string[] {
  const at = relative.lastIndexOf('/');
  const folder = at > 0 ? slugOf(relative.slice(0, at).replaceAll('/', '-')) : '';
  const hashed = `${truncateBytes(id, SLUG_BYTES)}-${hash8(relative)}`;
  return [folder ? `${folder}-${id}` : '', hashed].filter(isArticleId);
}

/** Whether a file's id is its name without folder and extension (stemOf), without slicing it. */
export function isOwnName(relative: string, id: string): boolean {
  const from = relative.lastIndexOf('/') + 1;
  const dot = relative.lastIndexOf('.');
  return dot - from === id.length && relative.startsWith(id, from);
}
