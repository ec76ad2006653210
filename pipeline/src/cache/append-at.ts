import fs from 'node:fs';

/** Writes `data` at `offset` of `file`, cutting off whatever a failed run left beyond it. */
export function appendAt(file: string, offset: number, data: Uint8Array): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT);
  try {
    fs.ftruncateSync(fd, offset);
    if (data.length > 0) fs.writeSync(fd, data, 0, data.length, offset);
  } finally {
    fs.closeSync(fd);
  }
}
