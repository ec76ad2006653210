/** The largest integer every V8 build keeps in a field as it is (a small integer, 31 bits). */
const SMALL = 2 ** 30 - 1;

/**
 * A file's size as a small integer when it is one (every article file is): read from a
 * Float64Array (a stat, a cache column) it is a double, which an object field keeps in a box of
 * its own, 16 bytes, and one double makes the field a box in every object of its shape: at a
 * cold build's peak a million entries and a million input files held one each.
 */
export const compactSize = (size: number): number => (size >= 0 && size <= SMALL ? size | 0 : size);
