/**
 * Encodes text as GBK, for tests of old Chinese archives: Node decodes GB18030 but has no
 * encoder, so the table is built by decoding every two-byte GBK code once.
 */
let table: Map<string, number> | undefined;

function gbkTable(): Map<string, number> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gbk', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      try {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (!table.has(char)) table.set(char, (lead << 8) | trail);
      } catch {
        // not a GBK code
      }
    }
  }
  return table;
}

export function encodeGbk(text: string): Uint8Array {
  const codes = gbkTable();
  const bytes: number[] = [];
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point < 0x80) {
      bytes.push(point);
      continue;
    }
    const code = codes.get(char);
    if (code === undefined) throw new Error(`no GBK code for ${JSON.stringify(char)}`);
    bytes.push(code >> 8, code & 0xff);
  }
  return new Uint8Array(bytes);
}
