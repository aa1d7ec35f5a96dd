import { popcount32 } from '../hamming.js';
import { BaseHashIndex } from './base-index.js';
import { IdTable } from './id-table.js';
import { checkId, readHashInput } from './inputs.js';
import { MatchCollector } from './match-collector.js';
import type { HashInput, SearchResult } from './types.js';

/**
 * Brute force over packed words (8 per hash, the parseHash layout): the correctness oracle for
 * the multi-index tests and the baseline in scripts/bench-match.ts. Removal moves the last hash
 * into the hole, so the arrays stay dense.
 */
export class LinearIndex extends BaseHashIndex {
  private words = new Int32Array(8 * 64);
  private ids = new Uint32Array(64);
  private count = 0;
  private readonly slots = new IdTable();
  private readonly collector = new MatchCollector();
  private readonly scratch = new Int32Array(8);

  /** An index of `ids[i]` → words [8i, 8i + 8); a repeated id keeps its last hash. */
  static build(ids: Uint32Array, words: Uint32Array): LinearIndex {
    if (words.length !== ids.length * 8) throw new RangeError(`build: expected ${ids.length * 8} words, got ${words.length}`);
    const index = new LinearIndex();
    index.reserve(ids.length);
    for (let i = 0; i < ids.length; i++) index.add(ids[i]!, words.subarray(i * 8, i * 8 + 8));
    return index;
  }

  get size(): number {
    return this.count;
  }

  get byteLength(): number {
    return this.words.byteLength + this.ids.byteLength + this.slots.byteLength + this.collector.byteLength;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.ids.length) return;
    const words = new Int32Array(capacity * 8);
    const ids = new Uint32Array(capacity);
    words.set(this.words);
    ids.set(this.ids);
    this.words = words;
    this.ids = ids;
  }

  add(id: number, hash: HashInput): void {
    checkId(id);
    const w = readHashInput(hash, this.scratch);
    let slot = this.slots.get(id);
    if (slot < 0) {
      if (this.count === this.ids.length) this.reserve(this.count * 2);
      slot = this.count++;
      this.ids[slot] = id;
      this.slots.set(id, slot);
    }
    this.words.set(w, slot * 8);
  }

  remove(id: number): boolean {
    const slot = this.slots.delete(id);
    if (slot < 0) return false;
    const last = --this.count;
    if (slot !== last) {
      this.words.copyWithin(slot * 8, last * 8, last * 8 + 8);
      this.ids[slot] = this.ids[last]!;
      this.slots.set(this.ids[slot]!, slot);
    }
    return true;
  }

  has(id: number): boolean {
    return this.slots.get(id) >= 0;
  }

  protected searchWords(q: Int32Array, radius: number): SearchResult {
    const words = this.words;
    const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!, q3 = q[3]!;
    const out = this.collector;
    out.reset();
    for (let s = 0; s < this.count; s++) {
      const b = s * 8;
      // Half the hash first: at radius ≤ 31 almost every random hash is already too far.
      let d = popcount32(q0 ^ words[b]!) + popcount32(q1 ^ words[b + 1]!) + popcount32(q2 ^ words[b + 2]!) + popcount32(q3 ^ words[b + 3]!);
      if (d > radius) continue;
      for (let i = 4; i < 8; i++) d += popcount32(q[i]! ^ words[b + i]!);
      if (d <= radius) out.push(this.ids[s]!, d);
    }
    return { matches: out.toMatches(), strategy: 'linear', candidates: this.count };
  }
}
