import { IdTable } from './id-table.js';
import type { MatchCollector } from './match-collector.js';
import { argsortUint32 } from './radix-sort.js';
import {
  acceptedEarlier,
  chooseKeyBits,
  CHUNKS,
  filterOf,
  keyOf,
  planPairs,
  probeKeys,
  queryKeys,
  type PairPlan,
  type PairScheme,
} from './pair-scheme.js';
import { Tombstones } from './tombstones.js';
import { BLOCK, POPCOUNT16, readPlanes, scanBlock, verifyBlock, writePlanes, type SearchScratch } from './verify-block.js';

/** Up to this many slots the buffer is scanned rather than probed (the two cost about the same at ~2k). */
const SCAN_BELOW = 2048;

/**
 * The write buffer: hashes added since the last merge, matchable by the very next query.
 * Same pair scheme as the static segment (pair-scheme.ts), but its chunk tables are chained
 * lists in typed arrays: a head per bucket, and per slot and chunk a link holding the next slot
 * and the filter bits, so an append is 16 link writes and the chain walk filters without reading
 * hashes. Removals and replaced hashes become tombstones; the buffer is merged when full.
 */
export class DeltaSegment {
  readonly scheme: PairScheme;
  private readonly buckets: number;
  private heads: Int32Array | null = null; // allocated on the first append: an idle buffer costs nothing
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private ids = new Uint32Array(0);
  /** (slot × 16 + chunk) × 2 → next slot in the chunk's bucket; + 1 → the slot's filter bits. */
  private links = new Int32Array(0);
  private count = 0;
  readonly dead: Tombstones;
  private readonly index = new IdTable();
  private readonly plans: PairPlan[] = [];

  /** `capacity`: appends (tombstoned ones included) the buffer takes; the index merges it when full. */
  constructor(readonly capacity: number) {
    // Chains are walked one dependent read at a time, so keep them short (1–2 entries when full):
    // heads may cost up to 256 bytes per slot of capacity (4 MiB at the 131072 maximum).
    const keyBits = chooseKeyBits(capacity, 256);
    // Filters live in their own link word, so they keep every bit the key leaves out.
    this.scheme = { keyBits, filterBits: 32 - keyBits };
    this.buckets = 2 ** keyBits;
    this.dead = new Tombstones(0);
  }

  /** Slots used, tombstoned ones included. */
  get used(): number {
    return this.count;
  }

  get live(): number {
    return this.count - this.dead.count;
  }

  get isFull(): boolean {
    return this.count >= this.capacity;
  }

  get byteLength(): number {
    return (
      (this.heads?.byteLength ?? 0) + this.head.byteLength + this.tail.byteLength + this.ids.byteLength +
      this.links.byteLength + this.dead.byteLength + this.index.byteLength
    );
  }

  has(id: number): boolean {
    return this.index.get(id) >= 0;
  }

  append(id: number, words: Int32Array): void {
    if (this.heads === null) this.allocate();
    const slot = this.count++;
    writePlanes(this.head, this.tail, slot, words);
    this.ids[slot] = id;
    this.index.set(id, slot);
    const heads = this.heads!;
    const links = this.links;
    for (let f = 0; f < CHUNKS; f++) {
      const bucket = f * this.buckets + keyOf(words, 0, f, this.scheme.keyBits);
      const link = (slot * CHUNKS + f) * 2;
      links[link] = heads[bucket]!;
      links[link + 1] = filterOf(words, 0, f, this.scheme);
      heads[bucket] = slot;
    }
  }

  /** Tombstones the live hash of `id`; returns whether there was one. */
  remove(id: number): boolean {
    const slot = this.index.delete(id);
    if (slot < 0) return false;
    this.dead.add(slot);
    return true;
  }

  /**
   * Allocates everything for `capacity` slots at the first append. Fresh pages are faulted in as
   * slots are used, so this costs little up front, where doubling would copy up to ~20 MB in
   * the middle of an add.
   */
  private allocate(): void {
    const size = this.capacity;
    this.heads = new Int32Array(CHUNKS * this.buckets).fill(-1);
    this.head = new Int32Array(size * 3);
    this.tail = new Int32Array(size * 5);
    this.ids = new Uint32Array(size);
    this.links = new Int32Array(size * CHUNKS * 2);
    this.dead.ensure(size);
  }

  private plan(radius: number): PairPlan {
    return (this.plans[radius] ??= planPairs(this.scheme, this.capacity, radius)!);
  }

  /**
   * Pair-filtered search (radius ≤ MIH_MAX_RADIUS); returns the chain entries read. Like the
   * static search it works in passes so independent reads overlap: all bucket heads, then every
   * chain's first link, then the walks (chains are ~1 entry long when the buffer is full).
   */
  search(q: Int32Array, radius: number, out: MatchCollector, sc: SearchScratch): number {
    // ~270 random head reads cost more than streaming a few thousand hashes.
    if (this.count <= SCAN_BELOW) return this.scan(q, radius, out, sc);
    const plan = this.plan(radius);
    const scheme = this.scheme;
    const heads = this.heads!;
    const links = this.links;
    const buckets = this.buckets;
    const { keys, rangeStart, rangeChunk, rangeFlips } = sc;
    queryKeys(q, scheme, sc.queryKeys, sc.queryFilters);
    let probes = 0;
    for (let f = 0; f < CHUNKS; f++) {
      const s = plan.flips[f]!;
      if (s < 0) continue;
      const count = probeKeys(sc.queryKeys[f]!, scheme.keyBits, s, keys, probes);
      for (let p = probes; p < probes + count; p++) {
        rangeStart[p] = heads[f * buckets + keys[p]!]!;
        rangeChunk[p] = f;
        rangeFlips[p] = p === probes ? 0 : 1;
      }
      probes += count;
    }
    let touched = 0;
    for (let p = 0; p < probes; p++) {
      const slot = rangeStart[p]!;
      if (slot >= 0) touched ^= links[(slot * CHUNKS + rangeChunk[p]!) * 2 + 1]!;
    }
    sc.item[0] = touched; // keeps the touch loads alive; sc.item is rewritten before it is read

    const T = POPCOUNT16;
    const { slots, chunks, queryFilters } = sc;
    let filled = 0;
    let candidates = 0;
    for (let p = 0; p < probes; p++) {
      const f = rangeChunk[p]!;
      const limit = plan.budget[f]! - rangeFlips[p]!;
      const qf = queryFilters[f]!;
      for (let slot = rangeStart[p]!; slot >= 0; ) {
        const link = (slot * CHUNKS + f) * 2;
        const x = links[link + 1]! ^ qf;
        candidates++;
        if (T[x & 0xffff]! + T[x >>> 16]! <= limit) {
          slots[filled] = slot;
          chunks[filled++] = f;
          if (filled === BLOCK) {
            this.flush(plan, q, radius, out, sc, filled);
            filled = 0;
          }
        }
        slot = links[link]!;
      }
    }
    if (filled > 0) this.flush(plan, q, radius, out, sc, filled);
    return candidates;
  }

  private flush(plan: PairPlan, q: Int32Array, radius: number, out: MatchCollector, sc: SearchScratch, count: number): void {
    const found = verifyBlock(this.head, this.tail, q, radius, sc, count);
    for (let k = 0; k < found; k++) {
      const i = sc.matchIndex[k]!;
      const slot = sc.slots[i]!;
      if (this.dead.has(slot)) continue;
      readPlanes(this.head, this.tail, slot, sc.item);
      if (acceptedEarlier(sc.item, sc.chunks[i]!, plan, this.scheme, sc.queryKeys, sc.queryFilters)) continue;
      out.push(this.ids[slot]!, sc.matchDistance[k]!);
    }
  }

  /** Compares every live slot; returns the slots examined. */
  scan(q: Int32Array, radius: number, out: MatchCollector, sc: SearchScratch): number {
    for (let from = 0; from < this.count; from += BLOCK) {
      const found = scanBlock(this.head, this.tail, q, radius, sc, from, Math.min(this.count, from + BLOCK));
      for (let k = 0; k < found; k++) {
        const slot = sc.matchIndex[k]!;
        if (!this.dead.has(slot)) out.push(this.ids[slot]!, sc.matchDistance[k]!);
      }
    }
    return this.count;
  }

  /** Slots live in `dead` (a snapshot), ordered by id: the merge reads them in this order. */
  liveSlotsById(dead: Tombstones): { slots: Uint32Array; ids: Uint32Array } {
    const slots = new Uint32Array(this.count - dead.count);
    let n = 0;
    for (let s = 0; s < this.count; s++) if (!dead.has(s)) slots[n++] = s;
    const ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.ids[slots[i]!]!;
    const sorted = argsortUint32(ids);
    const sortedSlots = new Uint32Array(n);
    for (let i = 0; i < n; i++) sortedSlots[i] = slots[sorted.order[i]!]!;
    return { slots: sortedSlots, ids: sorted.keys };
  }

  /** The hash planes, read (never written) by a merge. */
  planes(): { head: Int32Array; tail: Int32Array } {
    return { head: this.head, tail: this.tail };
  }
}
