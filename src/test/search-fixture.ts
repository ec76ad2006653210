import { CHUNK_MAGIC, CHUNK_VERSION, TRUNCATED } from '../lib/search-chunk.ts';

/**
 * Writes a search-index chunk in the layout search-chunk.ts documents, for
 * component tests (the pipeline's writer is Node-only). Postings: [document, weight].
 */
export function encodeChunk(terms: Record<string, { df?: number; truncated?: boolean; postings: [number, number][] }>) {
  const bytes: number[] = [...CHUNK_MAGIC, CHUNK_VERSION];
  const varint = (out: number[], value: number) => {
    while (value >= 0x80) {
      out.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    out.push(value);
  };
  const entries = Object.entries(terms);
  varint(bytes, entries.length);
  for (const [term, { df, truncated, postings }] of entries) {
    const encoded = new TextEncoder().encode(term);
    const body: number[] = [];
    let previous = 0;
    for (const [doc, weight] of postings) {
      varint(body, doc - previous);
      body.push(weight);
      previous = doc;
    }
    varint(bytes, encoded.length);
    bytes.push(...encoded);
    varint(bytes, df ?? postings.length);
    bytes.push(truncated ? TRUNCATED : 0);
    varint(bytes, postings.length);
    varint(bytes, body.length);
    bytes.push(...body);
  }
  return Uint8Array.from(bytes);
}
