/**
 * Search terms by number. Each parse worker numbers the terms it meets in a
 * dictionary of its own and sends only the new ones along; the main thread
 * translates worker numbers to its own with an array lookup, so millions of
 * term strings never cross threads or get hashed twice.
 *
 * CJK characters and bigrams, nine in ten terms, are looked up by their code
 * units in typed arrays: no string is made for a term already known.
 */
export class TermDictionary {
  readonly terms: string[];
  private readonly ids = new Map<string, number>();
  /** Id + 1 of each BMP character; 0 when unknown. */
  private readonly charIds = new Int32Array(0x10000);
  // Bigrams: open addressing over (first << 16 | second), id + 1 in `pairIds`.
  private pairKeys = new Int32Array(1 << 12);
  private pairIds = new Int32Array(1 << 12);
  private pairShift = 20;
  private pairCount = 0;

  constructor(terms: string[] = []) {
    this.terms = [];
    for (const term of terms) this.intern(term);
  }

  get size(): number {
    return this.terms.length;
  }

  intern(term: string): number {
    if (term.length === 1) return this.internChar(term.charCodeAt(0));
    if (term.length === 2 && !/[\ud800-\udfff]/.test(term)) {
      return this.internPair(term.charCodeAt(0), term.charCodeAt(1));
    }
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.add(term);
      this.ids.set(term, id);
    }
    return id;
  }

  internChar(code: number): number {
    const known = this.charIds[code] as number;
    if (known !== 0) return known - 1;
    const id = this.add(String.fromCharCode(code));
    this.charIds[code] = id + 1;
    return id;
  }

  internPair(first: number, second: number): number {
    const key = (first << 16) | second;
    const mask = this.pairKeys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> this.pairShift; ; slot = (slot + 1) & mask) {
      const known = this.pairIds[slot] as number;
      if (known === 0) {
        const id = this.add(String.fromCharCode(first, second));
        this.pairKeys[slot] = key;
        this.pairIds[slot] = id + 1;
        if (++this.pairCount * 2 > this.pairKeys.length) this.growPairs();
        return id;
      }
      if (this.pairKeys[slot] === key) return known - 1;
    }
  }

  private add(term: string): number {
    this.terms.push(term);
    return this.terms.length - 1;
  }

  private growPairs(): void {
    const keys = this.pairKeys;
    const ids = this.pairIds;
    this.pairKeys = new Int32Array(keys.length * 2);
    this.pairIds = new Int32Array(keys.length * 2);
    this.pairShift--;
    const mask = this.pairKeys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (ids[i] === 0) continue;
      let slot = Math.imul(keys[i] as number, 0x9e3779b1) >>> this.pairShift;
      while (this.pairIds[slot] !== 0) slot = (slot + 1) & mask;
      this.pairKeys[slot] = keys[i] as number;
      this.pairIds[slot] = ids[i] as number;
    }
  }
}

/** One article's terms by number, with a weight (1–255) each. */
export interface NumberedTerms {
  ids: Uint32Array;
  weights: Uint8Array;
}
