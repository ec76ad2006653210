import fs from 'node:fs';
import path from 'node:path';
import { isInside, isPassedOver } from './list-input.ts';

/** What changed in the input folder since the last batch. */
export interface InputChanges {
  /** Files added, changed or deleted, as `--changed` names them (paths under the input folder). */
  files: string[];
  /**
   * Set when the files alone do not say it all: a folder went (its files were never named one
   * by one), a watch failed, or the burst was too large to trust. The run then lists the whole
   * input.
   */
  listAll: boolean;
}

export interface WatchOptions {
  /** Folders whose changes are not the input's (the cache, when it sits inside the input). */
  ignore?: readonly string[];
  /** The batch is handed over once the folder has been quiet this long (an editor's save is several events). */
  quietMs?: number;
  /** Follow links to folders outside the input folder, as the listing does with --follow-symlinks. */
  followSymlinks?: boolean;
}

export interface InputWatcher {
  /** The folders watched (one inotify watch each on Linux). */
  readonly folders: number;
  /** The next batch of changes, once there is one and the folder has been quiet; undefined once closed. */
  next(): Promise<InputChanges | undefined>;
  close(): void;
}

/** Past this many files in one batch, a run lists the input instead of trusting the names. */
const MOST_NAMED = 10_000;
const QUIET_MS = 100;

/** The listing passes these over (list-input.ts): nothing in them is ever an article. */
const passedOver = (relative: string) => relative.split('/').some(isPassedOver);

/**
 * Watches the input folder for changes, as the platform reports them (inotify on Linux, one
 * watch per folder, never a stat of each file), so that a run can publish just the files that
 * changed (`--changed`, decision 0017) instead of sweeping every file. Node's own recursive
 * watch on Linux sets up a watcher per file: 2.5 s and 280 MB for 100,000 articles.
 */
export function watchInput(inDir: string, options: WatchOptions = {}): InputWatcher {
  const root = fs.realpathSync(inDir);
  const ignored = (options.ignore ?? []).map((folder) => path.resolve(folder));
  const quietMs = options.quietMs ?? QUIET_MS;
  /** Watched folders by their path under the input ('' for the input itself), with their real path and inode. */
  const watchers = new Map<string, { watcher: fs.FSWatcher; real: string; ino: number }>();
  /** Real paths entered, so that a link loop is not followed forever. */
  const entered = new Set<string>();
  let files = new Set<string>();
  let listAll = false;
  let quiet: NodeJS.Timeout | undefined;
  let ready = false;
  let closed = false;
  let waiting: ((changes: InputChanges | undefined) => void) | undefined;

  const take = (): InputChanges => {
    const changes = { files: [...files].sort(), listAll };
    files = new Set();
    listAll = false;
    ready = false;
    return changes;
  };
  const settle = () => {
    // A folder made empty, or a hidden file's events: nothing for a run.
    if (files.size === 0 && !listAll) return;
    ready = true;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(take());
    }
  };
  const changed = () => {
    ready = false;
    clearTimeout(quiet);
    quiet = setTimeout(settle, quietMs);
  };

  const unwatch = (relative: string) => {
    for (const [folder, { watcher, real }] of watchers) {
      if (folder === relative || folder.startsWith(`${relative}/`)) {
        watcher.close();
        watchers.delete(folder);
        // A folder made again at that path is a new one, to be watched.
        entered.delete(real);
      }
    }
  };

  /** Watches a folder and those in it; `arrived`: it is new, and the files in it are named as changed. */
  const watchFolder = (relative: string, full: string, arrived = false) => {
    if (watchers.has(relative) || (relative && passedOver(relative))) return;
    if (ignored.some((folder) => isInside(folder, full))) return;
    let real: string;
    let ino: number;
    try {
      real = fs.realpathSync(full);
      ino = fs.statSync(real).ino;
    } catch {
      return; // gone already
    }
    if (entered.has(real) || (!options.followSymlinks && !isInside(root, real))) return;
    entered.add(real);
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(full, { persistent: true }, (_event, name) => onEvent(relative, name));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        throw new Error(
          `watching ${watchers.size + 1} folders needs more inotify watches than the system allows: raise fs.inotify.max_user_watches`,
          { cause: error },
        );
      return; // unreadable or gone: the whole runs report it
    }
    watcher.on('error', () => {
      // A watched folder removed, or the watch lost: trust no names until the input is listed.
      unwatch(relative);
      listAll = true;
      changed();
    });
    watchers.set(relative, { watcher, real, ino });
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(full, { withFileTypes: true });
    } catch {
      // unreadable: the run reports it
    }
    // Read after the watch starts: a file made since is in the listing, an event, or both.
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const childPath = path.join(full, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && statOf(childPath)?.isDirectory()))
        watchFolder(child, childPath, arrived);
      else if (arrived && !passedOver(child)) nameFile(child);
    }
  };

  const onEvent = (folder: string, name: string | Buffer | null) => {
    if (closed) return;
    if (name === null) {
      listAll = true;
      changed();
      return;
    }
    const own = name.toString();
    const relative = folder ? `${folder}/${own}` : own;
    if (passedOver(relative)) return;
    const full = path.join(root, ...relative.split('/'));
    if (ignored.some((ignore) => isInside(ignore, full))) return;
    const now = statOf(full);
    // A folder's watch also reports the folder itself, by its own name (`touch sub` is `sub/sub`):
    // its parent's watch says what happened to it.
    if (own === path.basename(folder || root) && !now) {
      // The input folder itself gone: a run says so.
      if (!folder && !statOf(root)) {
        listAll = true;
        changed();
      }
      return;
    }
    const watched = watchers.get(relative);
    if (watched) {
      // Its times or rights changed (`touch`, `chmod`): still the folder watched.
      if (now?.ino === watched.ino) return;
      // Renamed or removed (and perhaps another put in its place): its files were not named one by one.
      unwatch(relative);
      listAll = true;
      if (now?.isDirectory()) watchFolder(relative, full);
    } else if (now?.isDirectory()) {
      // A folder created or moved in: watched from now on, and each file in it named.
      watchFolder(relative, full, true);
    } else nameFile(relative);
    changed();
  };
  const nameFile = (relative: string) => {
    if (files.size < MOST_NAMED) files.add(relative);
    else listAll = true;
  };

  watchFolder('', root);
  return {
    get folders() {
      return watchers.size;
    },
    next() {
      if (closed) return Promise.resolve(undefined);
      if (ready) return Promise.resolve(take());
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    close() {
      closed = true;
      clearTimeout(quiet);
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
      waiting?.(undefined);
      waiting = undefined;
    },
  };
}

/** What `full` is now (through links), or undefined when it is gone. */
function statOf(full: string): fs.Stats | undefined {
  try {
    return fs.statSync(full);
  } catch {
    return undefined;
  }
}
