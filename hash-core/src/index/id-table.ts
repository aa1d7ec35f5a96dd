/**
 * Open-addressing map from uint32 ids to non-negative int32 slots, in two typed arrays: 8 bytes
 * per entry at ≤ 50% load, where a Map<number, number> costs 50+ bytes per entry.
 * Linear probing with backward-shift deletion, so removals leave no tombstones behind.
 */
const EMPTY = -1;

export class IdTable {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private shift: number;
  private count = 0;

  constructor(expected = 16) {
    let bits = 4;
    while (1 << bits < expected * 2) bits++;
    this.keys = new Uint32Array(1 << bits);
    this.values = new Int32Array(1 << bits).fill(EMPTY);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }

  get size(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  private home(id: number): number {
    return Math.imul(id, 0x9e3779b1) >>> this.shift; // Fibonacci hashing: sequential ids spread out
  }

  /** The slot stored for `id`, or -1. */
  get(id: number): number {
    const keys = this.keys;
    const values = this.values;
    for (let i = this.home(id); ; i = (i + 1) & this.mask) {
      const v = values[i]!;
      if (v === EMPTY) return -1;
      if (keys[i] === id) return v;
    }
  }

  set(id: number, slot: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    for (let i = this.home(id); ; i = (i + 1) & this.mask) {
      if (values[i] === EMPTY) {
        keys[i] = id;
        values[i] = slot;
        this.count++;
        return;
      }
      if (keys[i] === id) {
        values[i] = slot;
        return;
      }
    }
  }

  /** Removes `id`; returns its slot, or -1 when absent. */
  delete(id: number): number {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let i = this.home(id);
    for (; ; i = (i + 1) & mask) {
      if (values[i] === EMPTY) return -1;
      if (keys[i] === id) break;
    }
    const removed = values[i]!;
    // Shift later entries of the probe run back into the hole so lookups never stop early.
    let hole = i;
    for (let j = (i + 1) & mask; values[j] !== EMPTY; j = (j + 1) & mask) {
      const home = this.home(keys[j]!);
      const distHole = (hole - home) & mask;
      const distJ = (j - home) & mask;
      if (distHole < distJ) {
        keys[hole] = keys[j]!;
        values[hole] = values[j]!;
        hole = j;
      }
    }
    values[hole] = EMPTY;
    this.count--;
    return removed;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const bits = 33 - this.shift;
    this.keys = new Uint32Array(1 << bits);
    this.values = new Int32Array(1 << bits).fill(EMPTY);
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] !== EMPTY) this.set(oldKeys[i]!, oldValues[i]!);
    }
  }
}
