export interface Progress {
  update: (done: number, total: number) => void;
  done: () => void;
}

const WIDTH = 28;
const QUIET_BELOW = 200;

/**
 * A bar redrawn in place on a terminal; in CI or a pipe, a plain line every
 * quarter, so logs stay readable.
 */
export function createProgress(stream: NodeJS.WriteStream): Progress {
  const interactive = Boolean(stream.isTTY) && !process.env.CI;
  let drawn = false;
  let lastQuarter = 0;
  return {
    update(done, total) {
      if (total < QUIET_BELOW) return;
      if (interactive) {
        const filled = Math.round((done / total) * WIDTH);
        stream.write(`\rparsing [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`);
        drawn = true;
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`parsed ${done}/${total} files\n`);
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
