import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { faultPoint } from './fault-point.ts';
import { PathSet } from './path-set.ts';

/**
 * A run never writes into the published output directly. It writes a staging
 * folder beside it. A first build renames the staging folder into place (the
 * output did not exist). Any later build moves the files it staged into place
 * one rename at a time, under a journal: new files first, the manifest after
 * them, deletions last. Each rename replaces one file atomically, so at every
 * moment the published manifest names only files that exist, and a killed run
 * is finished by the next one. A folder is never swapped: between moving the
 * old one out and the new one in, its files would be missing.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Every rename that publishes is a point where a crash test may kill the run. */
function rename(from: string, to: string): void {
  faultPoint('rename');
  fs.renameSync(from, to);
}

function sibling(out: string, kind: string, suffix = ''): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${kind}${suffix}`);
}

/** Holds `<out>.lock` while `work` runs; a second run on the same folder waits its turn. */
export async function withOutputLock<T>(out: string, work: () => Promise<T>, waitMs = 120_000): Promise<T> {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const lock = sibling(out, 'lock');
  const started = Date.now();
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lock, 'utf8'));
      if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
        fs.rmSync(lock, { force: true }); // left by a run that was killed
        continue;
      }
      if (Date.now() - started > waitMs) throw new Error(`${out} is locked by process ${owner}`, { cause: error });
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/**
 * Call under the lock. Finishes a swap that a killed run left half done and
 * removes the staging folders of runs that died.
 */
export function recoverOutput(out: string): void {
  replayJournal(out);
  const previous = sibling(out, 'previous');
  if (!fs.existsSync(out) && fs.existsSync(previous)) fs.renameSync(previous, out);
  fs.rmSync(previous, { recursive: true, force: true });
  fs.rmSync(`${sibling(out, 'journal')}.tmp`, { force: true });
  const leftovers = [`.${path.basename(out)}.staging-`, `.${path.basename(out)}.trash-`];
  for (const name of fs.readdirSync(path.dirname(out))) {
    if (leftovers.some((prefix) => name.startsWith(prefix))) {
      fs.rmSync(path.join(path.dirname(out), name), { recursive: true, force: true });
    }
  }
}

export function createStaging(out: string): string {
  const staging = sibling(out, 'staging-', `${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging, { recursive: true });
  return staging;
}

/**
 * Deletes a folder without waiting for it: a detached `rm -rf` outlives this
 * process, which would otherwise stay alive until 20,000 files are unlinked
 * (a third of a second). If it never runs, the next run's recoverOutput
 * removes the folder.
 */
function removeInBackground(folder: string): void {
  if (process.platform === 'win32') {
    void fs.promises.rm(folder, { recursive: true, force: true }).catch(() => {});
    return;
  }
  const child = spawn('rm', ['-rf', '--', folder], { detached: true, stdio: 'ignore' });
  child.on('error', () => {}); // no rm: left for the next run
  child.unref();
}

/** A uniquely named folder beside the output for things to delete. */
const trashFolder = (out: string) => sibling(out, 'trash-', randomBytes(6).toString('hex'));

/**
 * Puts the staging folder in place of an output that does not exist yet (or is an
 * empty folder): one rename, so readers see nothing or all of it.
 */
export function commitStaging(staging: string, out: string): void {
  if (fs.existsSync(out)) fs.rmdirSync(out); // empty: checkOutputFolder allows nothing else here
  rename(staging, out);
}

export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/** What a run changes in a published output, as paths relative to it. */
export interface OutputPatch {
  /**
   * Files in the staging folder, moved into place in this order (new and changed files
   * first, the manifest after them), and folders that are new: a content-named search index.
   */
  writes: Iterable<string>;
  /** Files or folders removed after the writes: nothing the new manifest names. */
  deletes: readonly string[];
}

export interface Journal extends OutputPatch {
  staging: string;
}

/**
 * Publishes into an existing output. The journal is written first, atomically;
 * from then on the change is decided, and a run killed halfway is finished by
 * the next one's recoverOutput. The cost follows the change, not the corpus.
 */
export function commitPatch(staging: string, out: string, patch: OutputPatch): void {
  const journal = sibling(out, 'journal');
  const record: Journal = { staging: path.basename(staging), ...patch };
  writeJournal(`${journal}.tmp`, record);
  rename(`${journal}.tmp`, journal);
  // Carried out from the record in hand, not read back: a whole run into an output already there
  // names a million files, and the journal's text and its parse were 200 MB more at its peak.
  replay(out, journal, record);
}

/** Paths of a journal written at a time. */
const JOURNAL_PIECE = 4096;

/**
 * Writes `record` as JSON.stringify would, a piece of its paths at a time: as one string, a
 * million paths were 60 MB of text and 60 MB more of bytes at a whole run's peak.
 */
export function writeJournal(file: string, record: Journal): void {
  const fd = fs.openSync(file, 'w');
  try {
    const list = (paths: Iterable<string>) => {
      let piece: string[] = [];
      let first = true;
      const flush = () => {
        fs.writeSync(fd, (first ? '' : ',') + piece.join(','));
        first = false;
        piece = [];
      };
      for (const file of paths) {
        piece.push(JSON.stringify(file));
        if (piece.length === JOURNAL_PIECE) flush();
      }
      if (piece.length > 0) flush();
    };
    fs.writeSync(fd, `{"staging":${JSON.stringify(record.staging)},"writes":[`);
    list(record.writes);
    fs.writeSync(fd, '],"deletes":[');
    list(record.deletes);
    fs.writeSync(fd, ']}');
  } finally {
    fs.closeSync(fd);
  }
}

/** Finishes the publish a journal left by a run that was killed (recoverOutput). */
function replayJournal(out: string): void {
  const journal = sibling(out, 'journal');
  let record: Journal;
  try {
    record = JSON.parse(fs.readFileSync(journal, 'utf8')) as Journal;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new Error(`${journal} is damaged: remove it and the output folder, then build again`, { cause: error });
  }
  replay(out, journal, record);
}

/** Moves a journal's writes into place, its deletes out, and removes the journal. */
function replay(out: string, journal: string, record: Journal): void {
  const staging = path.join(path.dirname(out), record.staging);
  // What leaves the output goes here by rename, and is deleted in the background.
  const trash = trashFolder(out);
  fs.mkdirSync(trash);
  let trashed = 0;
  const folders = new Set<string>();
  for (const file of record.writes) {
    const source = path.join(staging, file);
    const target = path.join(out, file);
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    try {
      rename(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Moved already, by the run that was killed while it replayed this journal; or a
      // content-named folder that is published already, with this very content.
      if (code === 'ENOENT' || code === 'ENOTEMPTY' || code === 'EEXIST') continue;
      throw error;
    }
  }
  record.deletes.forEach((file, n) => {
    try {
      rename(path.join(out, file), path.join(trash, `d${n}`));
      trashed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // gone already
    }
  });
  removeEmptied(out, record.deletes);
  fs.rmSync(journal);
  fs.rmSync(staging, { recursive: true, force: true });
  // Nothing left the output (an unchanged run): no process to start.
  if (trashed === 0) fs.rmdirSync(trash);
  else removeInBackground(trash);
}

/**
 * Removes the folders that `deletes` left empty, up to the output folder: the last tag's list
 * gone leaves no `tags/` folder, as a whole run would not make one (and a folder no build wrote
 * makes the next run without --changed a whole run, output-as-cached.ts).
 */
function removeEmptied(out: string, deletes: readonly string[]): void {
  const folders = new Set(deletes.map((file) => path.posix.dirname(file)));
  for (let folder of folders) {
    for (; folder !== '.' && folder !== '/' && folder !== ''; folder = path.posix.dirname(folder)) {
      try {
        fs.rmdirSync(path.join(out, folder));
      } catch (error) {
        // Not empty, and so no folder above it is; one gone already (a replay) may leave its parent empty.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') break;
      }
    }
  }
}

/**
 * Every path in the output folder, relative to it, folders included ('/' separated): each folder
 * read an entry at a time into a PathSet. Listed whole at once, the million entries of an
 * output of a million articles took 330 MB more at the peak of a whole run.
 */
export function listPublished(out: string): PathSet {
  const paths = new PathSet();
  // Folders still to read, depth first (a stack, not recursion: no folder depth can overflow it).
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const dir = fs.opendirSync(folder ? path.join(out, folder) : out, { bufferSize: 256 });
    try {
      for (let entry = dir.readSync(); entry; entry = dir.readSync()) {
        const relative = folder ? `${folder}/${entry.name}` : entry.name;
        paths.add(relative);
        if (entry.isDirectory()) folders.push(relative);
      }
    } finally {
      dir.closeSync();
    }
  }
  return paths;
}

/** Every folder that holds one of `files` ('/'-separated), at any depth. */
export function foldersOf(files: Iterable<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) addFolders(file, folders);
  return folders;
}

function addFolders(file: string, folders: Set<string>): void {
  for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) {
    const folder = file.slice(0, at);
    if (folders.has(folder)) break; // and so every folder above it
    folders.add(folder);
  }
}

/**
 * The published paths that the next output, every file of which `next` names (and perhaps a
 * folder kept whole), does not have: a folder whole when nothing named is under it, otherwise
 * the single files. What is named is marked a bit a published path, not held as a second set:
 * at a million articles `next` names a million files, and a set of them was 94 MB more at a
 * whole run's peak.
 */
export function stalePaths(published: PathSet, next: Iterable<string>): string[] {
  const named = new Uint8Array(published.size);
  const folders = new Set<string>();
  for (const file of next) {
    const row = published.indexOf(file);
    if (row >= 0) named[row] = 1;
    addFolders(file, folders);
  }
  const stale: string[] = [];
  let row = 0;
  for (const file of published) {
    if (named[row++] === 1 || folders.has(file)) continue;
    const at = file.lastIndexOf('/');
    // Inside a folder that goes whole, or inside a named folder that is kept as it is.
    if (at > 0 && !folders.has(file.slice(0, at))) continue;
    stale.push(file);
  }
  return stale;
}
