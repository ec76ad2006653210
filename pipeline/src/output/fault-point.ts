/**
 * Crash tests' handle on a real process: `NEWS_PIPELINE_DIE_AT=rename:7` makes
 * the pipeline SIGKILL itself just before its 7th rename into the output
 * (`stage:N` before the N-th file it stages). A test can then kill a run at
 * exactly the moment it wants, every time, instead of polling the disk and
 * hoping to be fast enough. Unset, each point costs one comparison.
 */
export type FaultKind = 'rename' | 'stage';

const spec = /^(rename|stage):(\d+)$/.exec(process.env.NEWS_PIPELINE_DIE_AT ?? '');
const dieKind = spec?.[1] as FaultKind | undefined;
const dieAt = Number(spec?.[2] ?? 0);
let count = 0;

export function faultPoint(kind: FaultKind): void {
  if (kind !== dieKind) return;
  if (++count === dieAt) process.kill(process.pid, 'SIGKILL');
}
