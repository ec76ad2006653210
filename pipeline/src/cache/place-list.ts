/**
 * Places (or rows), appended in order, in a typed array that doubles as it fills. A pass that
 * finds a category's articles among a million finds hundreds of thousands: in a JS array of
 * numbers that cost this machine 0.1 s a million, in a typed one 40 ms.
 */
export class PlaceList {
  private array = new Int32Array(256);
  private count = 0;

  push(place: number): void {
    if (this.count === this.array.length) {
      const grown = new Int32Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.count++] = place;
  }

  /** The places pushed, in order (a view: the list is done with once asked). */
  get places(): Int32Array {
    return this.array.subarray(0, this.count);
  }
}
