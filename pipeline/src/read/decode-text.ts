import { ContentError } from './content-error.ts';

export interface DecodedText {
  /** The text, without a byte-order mark, every line ending `\n`. */
  text: string;
  /** Set when the file was not UTF-8 but was read in another encoding: said in a warning. */
  encoding?: 'UTF-16LE' | 'UTF-16BE' | 'GB18030';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/** Files that are something else entirely, by their first bytes. */
const MAGIC: [bytes: number[], what: string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a Word or Excel file)'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x52, 0x49, 0x46, 0x46], 'a RIFF file (WebP, WAV or AVI)'],
];

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);

/** Every line ends `\n`: Windows `\r\n` and old Mac `\r` alike. */
function normalizeLines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

// Han, CJK punctuation and symbols, full-width forms, kana, Hangul.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]/g;

/** Mostly CJK: at least 80% of the characters outside ASCII are CJK, and there are some. */
function mostlyCjk(text: string): boolean {
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii++;
  if (nonAscii === 0) return false;
  return (text.match(CJK)?.length ?? 0) >= nonAscii * 0.8;
}

/**
 * Whether the double-byte characters are nearly all in GB2312's range (both bytes 0xA1–0xFE),
 * as real GBK Chinese text is. Latin-1 accented letters also pair up into valid GBK, but
 * with an ASCII byte after them, outside that range.
 */
function looksLikeGbText(bytes: Uint8Array): boolean {
  let pairs = 0;
  let inGb2312 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number;
    if (lead < 0x81) continue;
    const trail = bytes[i + 1] ?? 0;
    pairs++;
    if (lead >= 0xa1 && lead <= 0xfe && trail >= 0xa1 && trail <= 0xfe) inGb2312++;
    i += lead >= 0x81 && trail >= 0x30 && trail <= 0x39 ? 3 : 1; // four-byte GB18030, else two
  }
  return pairs > 0 && inGb2312 >= pairs * 0.9;
}

/** Where UTF-8 decoding fails, for the message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const byte = bytes[at] as number;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return at;
    for (let k = 1; k < length; k++) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return at;
    at += length;
  }
  return at;
}

/**
 * The text of an article file. UTF-8 (with or without a byte-order mark) is read as it is;
 * UTF-16 with a byte-order mark is decoded; a file that is not UTF-8 but is valid GB18030
 * (GBK) and mostly CJK text, as Chinese archives from before 2015 often are, is read with a
 * warning. Anything else gets a message that says what the file really is.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ContentError('the file is empty');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bytes = bytes.subarray(3);
  else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const little = bytes[0] === 0xff;
    try {
      const text = (little ? utf16le : utf16be).decode(bytes.subarray(2));
      return { text: normalizeLines(text), encoding: little ? 'UTF-16LE' : 'UTF-16BE' };
    } catch {
      throw new ContentError(`not readable: it starts as UTF-16${little ? 'LE' : 'BE'} but is not valid UTF-16`);
    }
  }

  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    const known = MAGIC.find(([prefix]) => startsWith(bytes, prefix));
    if (known) throw new ContentError(`not an article: this is ${known[1]}`);
    // ASCII text in UTF-16 has a NUL beside every letter.
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < head.length; i++) {
      if (head[i] !== 0) continue;
      if (i % 2) oddZeros++;
      else evenZeros++;
    }
    if (Math.max(evenZeros, oddZeros) > head.length / 4 && Math.min(evenZeros, oddZeros) < head.length / 100) {
      throw new ContentError('looks like UTF-16 text without a byte-order mark: save it as UTF-8');
    }
    throw new ContentError('binary data, not text: it contains NUL bytes');
  }
  try {
    return { text: normalizeLines(utf8.decode(bytes)) };
  } catch {
    // not UTF-8: see below
  }
  try {
    const text = gb18030.decode(bytes);
    if (looksLikeGbText(bytes) && mostlyCjk(text)) return { text: normalizeLines(text), encoding: 'GB18030' };
  } catch {
    // not GB18030 either
  }
  const at = firstInvalidUtf8(bytes);
  const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
  throw new ContentError(
    `not UTF-8 text: byte 0x${byte} at offset ${at} (perhaps Latin-1 or Windows-1252): save it as UTF-8`,
  );
}
