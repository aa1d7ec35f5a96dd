/**
 * The in-memory side of the bank: one Hamming index per perceptual signal of the registry (PDQ,
 * blockhash…), loaded from the store at start and updated in the same request as every insert,
 * withdrawal or disable, so a new hash is matchable by the very next request; video frames have
 * their own indexes (frame-index.ts), removed with their item. Exact signals
 * (MD5, SHA-256) are looked up in the store's value index instead: no need to hold them twice.
 */
import { coarseRadius, IMAGE_SIGNALS, mayMatch, MihIndex, type Match, type SignalType, type VariantMatch } from '@disrupt/hash-core';
import { BulkCollector } from './bulk-collector.js';
import { FrameIndex } from './frame-index.js';
import { frameSignalType } from './frame-signals.js';

export interface BankEntry {
  itemId: number;
  signal: string;
  value: string;
  /** PDQ quality; values under the signal's quality floor are kept in the store but never indexed. */
  quality?: number | null;
}

/** The second index of a signal weaker than PDQ, for the items PDQ can speak for. */
const RELIABLE_SUFFIX = '@pdq';
const reliableIndex = (signal: string) => `${signal}${RELIABLE_SUFFIX}`;
/** Its third, for the coarse values of items PDQ cannot speak for. */
const COARSE_SUFFIX = '@coarse';
const coarseIndex = (signal: string) => `${signal}${COARSE_SUFFIX}`;
const WEAK_SUFFIXES = [RELIABLE_SUFFIX, COARSE_SUFFIX];

export class MatchBank {
  private readonly indexes = new Map<string, MihIndex>();
  private readonly byName: ReadonlyMap<string, SignalType>;
  /** Video frames, indexed per frame hash kind (their own signal types: vpdq, vpdqTrimmed…). */
  readonly frames = new FrameIndex();

  constructor(readonly signals: readonly SignalType[] = IMAGE_SIGNALS) {
    this.byName = new Map(signals.map((s) => [s.name, s]));
    for (const signal of signals) {
      if (signal.kind !== 'perceptual') continue;
      this.indexes.set(signal.name, new MihIndex());
      if (signal.whenPdqReliable?.radius === undefined) continue;
      this.indexes.set(reliableIndex(signal.name), new MihIndex());
      this.indexes.set(coarseIndex(signal.name), new MihIndex());
    }
  }

  /**
   * The index an entry goes to, or null when it may not match at all (not perceptual, under the
   * quality floor, a uniform picture's value). For a signal weaker than PDQ (blockhash): an item
   * PDQ can speak for goes to a second index, a coarse value of one it cannot to a third, each
   * searched within its smaller radius (or none, without one).
   */
  private indexOf(entry: BankEntry): string | null {
    const signal = this.byName.get(entry.signal);
    if (!signal || signal.kind !== 'perceptual') return null;
    if (!mayMatch(signal, entry.value, entry.quality)) return null;
    const reliable = signal.whenPdqReliable;
    if (!reliable) return entry.signal;
    const pdqCannot = entry.quality == null || entry.quality < reliable.quality;
    if (pdqCannot && (reliable.detailed?.(entry.value) ?? true)) return entry.signal;
    if (reliable.radius === undefined) return null;
    return pdqCannot ? coarseIndex(entry.signal) : reliableIndex(entry.signal);
  }

  /**
   * The searches for `hashes` of `signal`, as [index, positions in `hashes`, radius]: its index at
   * `radius`; for a weak signal, also its second and third indexes within their smaller radii, and
   * query hashes that are not detailed held to the coarse radius in the first (or left out).
   */
  private searches(signal: string, hashes: readonly string[], radius: number): [MihIndex, number[], number][] {
    const index = this.indexes.get(signal);
    if (!index || hashes.length === 0) return [];
    const all = hashes.map((_, i) => i);
    const reliable = this.byName.get(signal)?.whenPdqReliable;
    if (!reliable) return [[index, all, radius]];
    const detailed: number[] = [];
    const coarse: number[] = [];
    for (const i of all) ((reliable.detailed?.(hashes[i]!) ?? true) ? detailed : coarse).push(i);
    const out: [MihIndex, number[], number][] = detailed.length ? [[index, detailed, radius]] : [];
    if (reliable.radius === undefined) return out;
    const tight = Math.min(radius, reliable.radius);
    const coarsest = Math.min(radius, coarseRadius(reliable)!);
    if (coarse.length) out.push([index, coarse, coarsest]);
    out.push([this.indexes.get(reliableIndex(signal))!, all, tight]);
    out.push([this.indexes.get(coarseIndex(signal))!, all, coarsest]);
    return out;
  }

  /**
   * Replaces the indexes with `entries` in one bulk build per signal: start-up at 10M hashes takes
   * seconds this way, where one add() per hash would run many incremental merges.
   */
  load(entries: Iterable<BankEntry>): void {
    const collected = new Map<string, BulkCollector>();
    for (const name of this.indexes.keys()) collected.set(name, new BulkCollector());
    for (const entry of entries) {
      const name = this.indexOf(entry);
      if (name) collected.get(name)!.push(entry.itemId, entry.value, entry.signal);
    }
    for (const [name, c] of collected) this.indexes.set(name, c.build());
  }

  add(entry: BankEntry): void {
    const name = this.indexOf(entry);
    if (name) this.indexes.get(name)!.add(entry.itemId, entry.value);
  }

  /** Whether `itemId` is indexed for `signal` (false for exact signals, which are not held here). */
  has(signal: string, itemId: number): boolean {
    if (frameSignalType(signal)) return this.frames.has(itemId);
    return [signal, reliableIndex(signal), coarseIndex(signal)].some((name) => this.indexes.get(name)?.has(itemId) ?? false);
  }

  /** Removes an item from every index, its video frames included (withdrawal, disable). */
  remove(itemId: number): void {
    for (const index of this.indexes.values()) index.remove(itemId);
    this.frames.remove(itemId);
  }

  /** Items within `radius` of any of `hashes` (one hash, or a photo's 8 dihedral variants). */
  search(signal: string, hashes: readonly string[], radius: number): VariantMatch[] {
    const plan = this.searches(signal, hashes, radius);
    if (plan.length === 1 && plan[0]![1].length === hashes.length) return plan[0]![0].searchVariants(hashes, plan[0]![2]); // most signals: one index
    const best = new Map<number, VariantMatch>();
    for (const [index, positions, r] of plan) {
      for (const m of index.searchVariants(positions.map((i) => hashes[i]!), r)) {
        const found = { ...m, variant: positions[m.variant]! };
        const seen = best.get(m.id);
        if (!seen || found.distance < seen.distance) best.set(m.id, found);
      }
    }
    return [...best.values()];
  }

  /** For each of `hashes` (e.g. the frames of a query video), the items within `radius`. */
  searchEach(signal: string, hashes: readonly string[], radius: number): Match[][] {
    if (!this.indexes.has(signal) || hashes.length === 0) return [];
    const plan = this.searches(signal, hashes, radius);
    if (plan.length === 1 && plan[0]![1].length === hashes.length) return plan[0]![0].searchMany(hashes, plan[0]![2]);
    const found: Match[][] = hashes.map(() => []);
    for (const [index, positions, r] of plan) {
      const each = index.searchMany(positions.map((i) => hashes[i]!), r);
      positions.forEach((at, k) => found[at]!.push(...each[k]!));
    }
    return found;
  }

  sizes(): Record<string, number> {
    // Per signal: a weak signal's three indexes (see indexOf) count as one.
    const sizes: Record<string, number> = {};
    for (const [name, index] of this.indexes) {
      const suffix = WEAK_SUFFIXES.find((s) => name.endsWith(s));
      const signal = suffix ? name.slice(0, -suffix.length) : name;
      sizes[signal] = (sizes[signal] ?? 0) + index.size;
    }
    return { ...sizes, ...this.frames.sizes() };
  }

  byteLength(): number {
    let total = this.frames.byteLength();
    for (const index of this.indexes.values()) total += index.byteLength;
    return total;
  }
}
