import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Folders whose entries are only files a build writes (the articles, each list's chunks, an
 * index's chunks and docs): stat'ed, never listed. At a million articles `articles` alone holds
 * a million files.
 */
const FILES_ONLY = [/^articles$/, /^lists\/[^/]+$/, /^search\/[^/]+\/[^/]+$/];

/**
 * A stamp of the output folder's shape: every folder's path and change time (ctime), which the
 * system moves whenever an entry is added to the folder, removed or renamed, and which no one
 * can set back. Taken when a run has published and saved with its cache, it tells the next run
 * whether anything was added or removed since (outputAsCached), without listing a million
 * files: the same stamp means the same entries. Undefined when the folder cannot be read.
 *
 * A file system keeps times on a coarse clock (a few milliseconds a tick): a change in the tick
 * of the last one would keep the folder's time. So the stamp a cache keeps is given only once
 * the clock has moved past every folder's time (`settled`; a probe file beside the output says
 * so), and any later change moves it; the stamp a run compares it with needs no wait.
 */
export function outputStamp(out: string, { settled = false }: { settled?: boolean } = {}): string | undefined {
  const hash = createHash('sha1');
  let latest = 0;
  try {
    const folders = [''];
    const seen: string[] = [];
    while (folders.length > 0) {
      const folder = folders.pop() as string;
      const full = folder ? path.join(out, folder) : out;
      const { ctimeMs } = fs.statSync(full);
      latest = Math.max(latest, ctimeMs);
      seen.push(`${folder}\0${ctimeMs}`);
      if (FILES_ONLY.some((pattern) => pattern.test(folder))) continue;
      for (const entry of fs.readdirSync(full, { withFileTypes: true }))
        if (entry.isDirectory()) folders.push(folder ? `${folder}/${entry.name}` : entry.name);
    }
    for (const line of seen.sort()) hash.update(`${line}\n`);
  } catch {
    return undefined; // gone or unreadable: the output is listed
  }
  return !settled || clockPast(out, latest) ? hash.digest('base64url') : undefined;
}

/** Tries for the file system's clock to pass `time`, a tick or two at most. */
const PROBES = 10_000;

/** Whether the file system's clock, as a probe file beside `out` shows it, is past `time`. */
function clockPast(out: string, time: number): boolean {
  const probe = path.join(path.dirname(out), `.${path.basename(out)}.clock-${process.pid}`);
  try {
    fs.rmSync(probe, { force: true }); // left by a run that was killed
    for (let n = 0; n < PROBES; n++) {
      fs.writeFileSync(probe, '', { flag: 'wx' }); // a new file: its time is the clock's now
      const { ctimeMs } = fs.statSync(probe);
      fs.rmSync(probe);
      if (ctimeMs > time) return true;
    }
    return false;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { force: true });
  }
}
