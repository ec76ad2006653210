import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The output folder is replaced whole: a run writes a staging folder beside it
 * and swaps it in at the end, so readers and later runs never see half an
 * output, and a failed or killed run leaves the previous output as it was.
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
  const previous = sibling(out, 'previous');
  if (!fs.existsSync(out) && fs.existsSync(previous)) fs.renameSync(previous, out);
  fs.rmSync(previous, { recursive: true, force: true });
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
 * Puts the staging folder in place of the output. The previous output is
 * moved to a uniquely named trash folder and deleted in the background: with
 * 20,000 files that deletion would otherwise be a third of an incremental run.
 */
export function commitStaging(staging: string, out: string): void {
  const previous = sibling(out, 'previous');
  fs.rmSync(previous, { recursive: true, force: true });
  if (fs.existsSync(out)) fs.renameSync(out, previous);
  fs.renameSync(staging, out);
  if (!fs.existsSync(previous)) return;
  const trash = sibling(out, 'trash-', randomBytes(6).toString('hex'));
  fs.renameSync(previous, trash);
  void fs.promises.rm(trash, { recursive: true, force: true }).catch(() => {
    // Left for the next run's recoverOutput to remove.
  });
}

export function discardStaging(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}
