/**
 * The in-memory side of the bank: one Hamming index per perceptual signal of the registry (PDQ,
 * blockhash…), loaded from the store at start and updated in the same request as every insert,
 * withdrawal or disable, so a new hash is matchable by the very next request. Exact signals
 * (MD5, SHA-256) are looked up in the store's value index instead: no need to hold them twice.
 */
import { HASH256_WORDS, IMAGE_SIGNALS, MihIndex, parseHash, type SignalType, type VariantMatch } from '@disrupt/hash-core';

export interface BankEntry {
  itemId: number;
  signal: string;
  value: string;
  /** PDQ quality; values under the signal's quality floor are kept in the store but never indexed. */
  quality?: number | null;
}

export class MatchBank {
  private readonly indexes = new Map<string, MihIndex>();

  constructor(readonly signals: readonly SignalType[] = IMAGE_SIGNALS) {
    for (const signal of signals) if (signal.kind === 'perceptual') this.indexes.set(signal.name, new MihIndex());
  }

  /** Whether this entry may match at all (perceptual, and not under the quality floor). */
  indexable(entry: BankEntry): boolean {
    const signal = this.signals.find((s) => s.name === entry.signal);
    if (!signal || signal.kind !== 'perceptual') return false;
    return signal.qualityFloor === undefined || entry.quality == null || entry.quality >= signal.qualityFloor;
  }

  /**
   * Replaces the indexes with `entries` in one bulk build per signal: start-up at 10M hashes takes
   * seconds this way, where one add() per hash would run many incremental merges.
   */
  load(entries: Iterable<BankEntry>): void {
    const collected = new Map<string, { ids: Uint32Array; words: Uint32Array; n: number }>();
    for (const name of this.indexes.keys()) collected.set(name, { ids: new Uint32Array(1024), words: new Uint32Array(1024 * HASH256_WORDS), n: 0 });
    for (const entry of entries) {
      if (!this.indexable(entry)) continue;
      const c = collected.get(entry.signal)!;
      if (c.n === c.ids.length) {
        const ids = new Uint32Array(c.ids.length * 2);
        ids.set(c.ids);
        const words = new Uint32Array(c.words.length * 2);
        words.set(c.words);
        c.ids = ids;
        c.words = words;
      }
      c.ids[c.n] = entry.itemId;
      parseHash(entry.value, entry.signal, c.words, c.n * HASH256_WORDS);
      c.n++;
    }
    for (const [name, c] of collected) {
      this.indexes.set(name, MihIndex.build(c.ids.subarray(0, c.n), c.words.subarray(0, c.n * HASH256_WORDS)));
    }
  }

  add(entry: BankEntry): void {
    if (this.indexable(entry)) this.indexes.get(entry.signal)!.add(entry.itemId, entry.value);
  }

  /** Whether `itemId` is indexed for `signal` (false for exact signals, which are not held here). */
  has(signal: string, itemId: number): boolean {
    return this.indexes.get(signal)?.has(itemId) ?? false;
  }

  /** Removes an item from every index (withdrawal, disable). */
  remove(itemId: number): void {
    for (const index of this.indexes.values()) index.remove(itemId);
  }

  /** Items within `radius` of any of `hashes` (one hash, or a photo's 8 dihedral variants). */
  search(signal: string, hashes: readonly string[], radius: number): VariantMatch[] {
    const index = this.indexes.get(signal);
    if (!index || hashes.length === 0) return [];
    return index.searchVariants(hashes, radius);
  }

  sizes(): Record<string, number> {
    return Object.fromEntries([...this.indexes].map(([name, index]) => [name, index.size]));
  }

  byteLength(): number {
    let total = 0;
    for (const index of this.indexes.values()) total += index.byteLength;
    return total;
  }
}
