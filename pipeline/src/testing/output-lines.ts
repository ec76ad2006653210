import type { ChildProcess } from 'node:child_process';

export interface OutputLine {
  text: string;
  /** When it arrived (`performance.now()`). */
  at: number;
}

/**
 * A command's standard output, line by line as it comes, and a wait for the next line that
 * matches: past the lines already taken, so that a line that arrived before the wait is found,
 * and each is taken once. For waiting on a running command's state, never on time.
 */
export function outputLines(child: ChildProcess): (pattern: RegExp) => Promise<OutputLine> {
  const lines: OutputLine[] = [];
  let taken = 0;
  let waiter: { pattern: RegExp; resolve: (line: OutputLine) => void } | undefined;
  const check = () => {
    if (!waiter) return;
    for (let n = taken; n < lines.length; n++) {
      const line = lines[n];
      if (line && waiter.pattern.test(line.text)) {
        taken = n + 1;
        const { resolve } = waiter;
        waiter = undefined;
        resolve(line);
        return;
      }
    }
  };
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    const at = performance.now();
    for (const text of parts) lines.push({ text, at });
    check();
  });
  return (pattern) =>
    new Promise((resolve) => {
      if (waiter) throw new Error('one wait at a time');
      waiter = { pattern, resolve };
      check();
    });
}
