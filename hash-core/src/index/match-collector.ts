import type { Match, VariantMatch } from './types.js';

// Results are packed into doubles so one numeric typed-array sort orders them, with no
// comparator calls and no per-match objects until the final list.
const ID_SPAN = 2 ** 32; // ids are uint32
const VARIANT_SPAN = 2 ** 12;
const DISTANCE_SPAN = 2 ** 9; // distances 0..256
/** searchVariants packs (id, distance, variant) into 53 bits: variants must stay below 4096. */
export const MAX_VARIANTS = VARIANT_SPAN;

/** Accumulates (id, distance) pairs for one query and returns them sorted by distance then id. */
export class MatchCollector {
  private keys = new Float64Array(256);
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  push(id: number, distance: number): void {
    if (this.count === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.count++] = distance * ID_SPAN + id;
  }

  toMatches(): Match[] {
    const sorted = this.keys.subarray(0, this.count).sort();
    const out: Match[] = new Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i]!;
      const distance = Math.floor(key / ID_SPAN);
      out[i] = { id: key - distance * ID_SPAN, distance };
    }
    return out;
  }

  get byteLength(): number {
    return this.keys.byteLength;
  }
}

/** Folds per-variant matches into the best (distance, then lowest variant) per id. */
export class VariantFolder {
  private keys = new Float64Array(256);
  private count = 0;

  reset(): void {
    this.count = 0;
  }

  addAll(matches: readonly Match[], variant: number): void {
    if (this.count + matches.length > this.keys.length) {
      const grown = new Float64Array(Math.max(this.keys.length * 2, this.count + matches.length));
      grown.set(this.keys.subarray(0, this.count));
      this.keys = grown;
    }
    for (const m of matches) {
      this.keys[this.count++] = (m.id * DISTANCE_SPAN + m.distance) * VARIANT_SPAN + variant;
    }
  }

  toMatches(): VariantMatch[] {
    // Sorted by (id, distance, variant): the first entry of each id is its best.
    const sorted = this.keys.subarray(0, this.count).sort();
    const best: VariantMatch[] = [];
    let lastId = -1;
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i]!;
      const variant = key % VARIANT_SPAN;
      const rest = (key - variant) / VARIANT_SPAN;
      const distance = rest % DISTANCE_SPAN;
      const id = (rest - distance) / DISTANCE_SPAN;
      if (id === lastId) continue;
      lastId = id;
      best.push({ id, distance, variant });
    }
    return best.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}
