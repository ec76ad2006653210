import fs from 'node:fs';

const BLOCK_BYTES = 4 * 1024 * 1024;
const ZEROS = new Uint8Array(8);

/**
 * Writes a file onwards from `offset` (cutting off whatever a failed run left beyond it), a
 * block at a time: a store of a million articles is written without ever being one buffer.
 */
export class BlockWriter {
  private readonly fd: number;
  private readonly block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  private used = 0;
  /** Where the next byte goes in the file. */
  position: number;

  constructor(file: string, offset: number, { fresh = false }: { fresh?: boolean } = {}) {
    this.fd = fs.openSync(file, fresh ? 'w' : fs.constants.O_WRONLY | fs.constants.O_CREAT);
    this.position = offset;
    try {
      fs.ftruncateSync(this.fd, offset);
    } catch (error) {
      fs.closeSync(this.fd);
      throw error;
    }
  }

  write(bytes: Uint8Array): void {
    if (this.used + bytes.length > this.block.length) this.flush();
    if (bytes.length > this.block.length) fs.writeSync(this.fd, bytes, 0, bytes.length, this.position - this.used);
    else {
      this.block.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.position += bytes.length;
  }

  /** `count` (0–8) zero bytes: padding. */
  zeros(count: number): void {
    this.write(ZEROS.subarray(0, count));
  }

  /** Writes what is left and closes the file. */
  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }

  private flush(): void {
    if (this.used > 0) fs.writeSync(this.fd, this.block, 0, this.used, this.position - this.used);
    this.used = 0;
  }
}
