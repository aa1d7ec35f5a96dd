const NONE = new Uint32Array(0);

/**
 * A bitmap of removed slots with a count: removal from an immutable segment is one bit.
 * The bitmap is allocated on the first removal, so an index that never removes pays nothing.
 */
export class Tombstones {
  private bits = NONE;
  private dead = 0;

  constructor(private capacity: number) {}

  get count(): number {
    return this.dead;
  }

  get byteLength(): number {
    return this.bits.byteLength;
  }

  has(slot: number): boolean {
    return this.dead !== 0 && (this.bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  /** Marks `slot`; returns false when it was already marked. */
  add(slot: number): boolean {
    if (this.bits === NONE) this.bits = new Uint32Array(Math.ceil(this.capacity / 32));
    const w = slot >>> 5;
    const bit = 1 << (slot & 31);
    if ((this.bits[w]! & bit) !== 0) return false;
    this.bits[w]! |= bit;
    this.dead++;
    return true;
  }

  /** Grows to hold `capacity` slots (the write buffer grows by doubling). */
  ensure(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    if (this.bits === NONE) return;
    const grown = new Uint32Array(Math.ceil(capacity / 32));
    grown.set(this.bits);
    this.bits = grown;
  }

  /** A frozen copy: a merge reads removals as of its start, later ones are replayed at the end. */
  snapshot(): Tombstones {
    const copy = new Tombstones(this.capacity);
    copy.bits = this.bits === NONE ? NONE : this.bits.slice();
    copy.dead = this.dead;
    return copy;
  }
}
