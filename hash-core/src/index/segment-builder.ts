import { CHUNKS, staticScheme } from './pair-scheme.js';
import { argsortUint32 } from './radix-sort.js';
import { StaticSegment } from './static-segment.js';
import { writePlanes } from './verify-block.js';

/**
 * Builds a static segment as a generator that yields after each slice of work, so the same code
 * serves a synchronous bulk build (run to the end) and a background merge (a few slices per
 * add/remove, so no single mutation pays for a multi-second rebuild).
 */

/** Items handled per slice: well under a millisecond of work, the most a mutation waits for a merge. */
export const BUILD_SLICE = 32768;

/** Hashes in ascending id order, copied into a segment slice by slice. */
export interface OrderedSource {
  readonly size: number;
  /** Writes the next `count` items into `segment` at slots [at, at + count). */
  take(segment: StaticSegment, at: number, count: number): void;
}

/** Work units (items × passes) a build of `n` items takes: for budgeting background merges. */
export function buildUnits(n: number): number {
  return n * (1 + (CHUNKS / 2) * 5) + 1;
}

/** Records `id` at `slot`: low half in idLow, high half counted into idStart (prefix-summed later). */
export function writeId(segment: StaticSegment, slot: number, id: number): void {
  segment.idLow[slot] = id & 0xffff;
  segment.idStart[(id >>> 16) + 1]!++;
}

/** Yields the work units done in each slice; returns the finished segment. */
export function* buildSegment(source: OrderedSource): Generator<number, StaticSegment, void> {
  const n = source.size;
  const segment = StaticSegment.allocate(n, staticScheme(n));
  for (let at = 0; at < n; at += BUILD_SLICE) {
    const count = Math.min(BUILD_SLICE, n - at);
    source.take(segment, at, count);
    yield count;
  }
  const idStart = segment.idStart;
  for (let i = 1; i < idStart.length; i++) idStart[i]! += idStart[i - 1]!;

  // Tables are built a word at a time: both chunks of word w come from one strided read.
  const word = new Int32Array(n);
  for (let w = 0; w < CHUNKS / 2; w++) {
    const [plane, stride, at] = w < 3 ? [segment.head, 3, w] : [segment.tail, 5, w - 3];
    for (let from = 0; from < n; from += BUILD_SLICE) {
      const to = Math.min(n, from + BUILD_SLICE);
      for (let s = from; s < to; s++) word[s] = plane[s * stride + at]!;
      yield to - from;
    }
    yield* buildTable(segment, 2 * w, word);
    yield* buildTable(segment, 2 * w + 1, word);
  }
  return segment;
}

/**
 * Chunk f's table as a CSR: offsets by key, then `slot << filterBits | filter` entries grouped by
 * key. Filled in slot order, so each bucket lists its slots ascending. (A two-pass 256-way radix
 * scatter was tried for the fill; the direct 65536-way one measured faster.)
 */
function* buildTable(segment: StaticSegment, f: number, word: Int32Array): Generator<number, void, void> {
  const { n, scheme, offsets, entries } = segment;
  const base = f * segment.tableStride;
  const keyBits = scheme.keyBits;
  const ownShift = (f & 1) === 0 ? 16 : 0;
  const keyShift = ownShift + 16 - keyBits;
  const keyMask = (1 << keyBits) - 1;

  // Count pass: bucket sizes land one past each bucket, so a prefix sum gives the starts. It
  // also writes the table's (still zero) entries in order: the fill pass scatters at random,
  // and its first slice would otherwise fault in every page of a fresh 40 MB region at once
  // (measured: a 100 ms pause in the middle of a background merge at 10M hashes).
  for (let from = 0; from < n; from += BUILD_SLICE) {
    const to = Math.min(n, from + BUILD_SLICE);
    for (let s = from; s < to; s++) offsets[base + ((word[s]! >>> keyShift) & keyMask) + 1]!++;
    entries.fill(0, f * n + from, f * n + to);
    yield to - from;
  }
  offsets[base] = f * n;
  for (let k = 1; k <= keyMask + 1; k++) offsets[base + k]! += offsets[base + k - 1]!;

  const cursor = offsets.slice(base, base + keyMask + 1);
  const partnerShift = 16 - ownShift;
  const low = 16 - keyBits;
  const ownLowMask = (1 << low) - 1;
  const filterShift = 16 + low - scheme.filterBits;
  const slotShift = scheme.filterBits;
  for (let from = 0; from < n; from += BUILD_SLICE) {
    const to = Math.min(n, from + BUILD_SLICE);
    for (let s = from; s < to; s++) {
      const w = word[s]!;
      const own = (w >>> ownShift) & 0xffff;
      const partner = (w >>> partnerShift) & 0xffff;
      // Same bits as filterOf() in pair-scheme.ts.
      entries[cursor[own >>> low]!++] = (s << slotShift) | (((partner << low) | (own & ownLowMask)) >>> filterShift);
    }
    yield to - from;
  }
}

const GATHER_BLOCK = 1024;

/** Hashes from caller arrays (any order, duplicates allowed: the last one of an id wins). */
export class BulkSource implements OrderedSource {
  readonly size: number;
  private readonly order: Uint32Array;
  private readonly sortedIds: Uint32Array;

  constructor(
    ids: Uint32Array,
    private readonly words: Uint32Array,
  ) {
    if (words.length !== ids.length * 8) {
      throw new RangeError(`build: expected ${ids.length * 8} words for ${ids.length} ids, got ${words.length}`);
    }
    const { order, keys } = argsortUint32(ids);
    // Keep the last occurrence of each id (the sort is stable, so it ends its run).
    let kept = 0;
    for (let i = 0; i < order.length; i++) {
      if (i + 1 < order.length && keys[i + 1] === keys[i]) continue;
      order[kept] = order[i]!;
      keys[kept++] = keys[i]!;
    }
    this.order = order.subarray(0, kept);
    this.sortedIds = keys.subarray(0, kept);
    this.size = kept;
  }

  take(segment: StaticSegment, at: number, count: number): void {
    const { order, sortedIds, words } = this;
    // Unsorted input makes this a gather from random places: touch each hash of a block first
    // so the cache misses overlap, then copy.
    for (let block = at; block < at + count; block += GATHER_BLOCK) {
      const end = Math.min(at + count, block + GATHER_BLOCK);
      let sink = 0;
      for (let i = block; i < end; i++) sink ^= words[order[i]! * 8]!;
      segment.idLow[block] = sink; // rewritten below; keeps the touches from being optimised away
      for (let i = block; i < end; i++) {
        writePlanes(segment.head, segment.tail, i, words, order[i]! * 8);
        writeId(segment, i, sortedIds[i]!);
      }
    }
  }
}
