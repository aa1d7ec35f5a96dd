import type { MatchCollector } from './match-collector.js';
import { acceptedEarlier, CHUNKS, probeKeys, queryKeys, type PairPlan } from './pair-scheme.js';
import type { StaticSegment } from './static-segment.js';
import type { Tombstones } from './tombstones.js';
import { BLOCK, POPCOUNT16, readPlanes, scanBlock, verifyBlock, type SearchScratch } from './verify-block.js';

/**
 * A pair-filtered multi-index query over a static segment (see pair-scheme.ts), in passes that
 * each keep many memory reads in flight: (1) look up every probed bucket's range, (2) touch each
 * bucket's first and last entry, (3) stream the buckets, keeping entries whose filter bits pass,
 * (4) verify the survivors in blocks (verify-block.ts). Returns the candidates read.
 */
export function searchStatic(
  segment: StaticSegment,
  plan: PairPlan,
  q: Int32Array,
  radius: number,
  dead: Tombstones | null,
  out: MatchCollector,
  sc: SearchScratch,
): number {
  if (segment.n === 0) return 0;
  const scheme = segment.scheme;
  const { offsets, entries, tableStride } = segment;
  queryKeys(q, scheme, sc.queryKeys, sc.queryFilters);
  sc.ensureProbes(plan.probes);
  const keys = sc.keys;
  const rangeStart = sc.rangeStart;
  const rangeEnd = sc.rangeEnd;
  const rangeChunk = sc.rangeChunk;
  const rangeFlips = sc.rangeFlips;

  let probes = 0;
  for (let f = 0; f < CHUNKS; f++) {
    const s = plan.flips[f]!;
    if (s < 0) continue;
    const count = probeKeys(sc.queryKeys[f]!, scheme.keyBits, s, keys, probes);
    const base = f * tableStride;
    for (let p = probes; p < probes + count; p++) {
      const k = base + keys[p]!;
      rangeStart[p] = offsets[k]!;
      rangeEnd[p] = offsets[k + 1]!;
      rangeChunk[p] = f;
      rangeFlips[p] = p === probes ? 0 : 1;
    }
    probes += count;
  }

  // Clamped so an empty bucket at either end of `entries` never reads out of bounds.
  const last = entries.length - 1;
  let touched = 0;
  for (let p = 0; p < probes; p++) {
    touched ^= entries[Math.min(rangeStart[p]!, last)]! ^ entries[Math.max(rangeEnd[p]! - 1, 0)]!;
  }
  sc.item[0] = touched; // keeps the touch loads alive; sc.item is rewritten before it is read

  const T = POPCOUNT16;
  const filterBits = scheme.filterBits;
  // Filters are at most 28 bits; the popcount table covers 16, so wider ones take two lookups.
  const wide = filterBits > 16;
  const mask = filterBits >= 31 ? 0x7fffffff : (1 << filterBits) - 1;
  const slots = sc.slots;
  const chunkOf = sc.chunks;
  let filled = 0;
  let candidates = 0;
  for (let p = 0; p < probes; p++) {
    const f = rangeChunk[p]!;
    const limit = plan.budget[f]! - rangeFlips[p]!;
    const qf = sc.queryFilters[f]!;
    const b = rangeEnd[p]!;
    candidates += b - rangeStart[p]!;
    for (let e = rangeStart[p]!; e < b; e++) {
      const entry = entries[e]!;
      const x = (entry ^ qf) & mask;
      if ((wide ? T[x & 0xffff]! + T[x >>> 16]! : T[x]!) > limit) continue;
      slots[filled] = entry >>> filterBits;
      chunkOf[filled++] = f;
      if (filled === BLOCK) {
        flushStatic(segment, plan, q, radius, dead, out, sc, filled);
        filled = 0;
      }
    }
  }
  if (filled > 0) flushStatic(segment, plan, q, radius, dead, out, sc, filled);
  return candidates;
}

function flushStatic(
  segment: StaticSegment,
  plan: PairPlan,
  q: Int32Array,
  radius: number,
  dead: Tombstones | null,
  out: MatchCollector,
  sc: SearchScratch,
  count: number,
): void {
  const found = verifyBlock(segment.head, segment.tail, q, radius, sc, count);
  for (let k = 0; k < found; k++) {
    const i = sc.matchIndex[k]!;
    const slot = sc.slots[i]!;
    if (dead !== null && dead.has(slot)) continue;
    readPlanes(segment.head, segment.tail, slot, sc.item);
    if (acceptedEarlier(sc.item, sc.chunks[i]!, plan, segment.scheme, sc.queryKeys, sc.queryFilters)) continue;
    out.push(segment.idAt(slot), sc.matchDistance[k]!);
  }
}

/** Every live slot compared: the radius is past what the pair scheme covers. */
export function scanStatic(
  segment: StaticSegment,
  q: Int32Array,
  radius: number,
  dead: Tombstones | null,
  out: MatchCollector,
  sc: SearchScratch,
): number {
  for (let from = 0; from < segment.n; from += BLOCK) {
    const found = scanBlock(segment.head, segment.tail, q, radius, sc, from, Math.min(segment.n, from + BLOCK));
    for (let k = 0; k < found; k++) {
      const slot = sc.matchIndex[k]!;
      if (dead === null || !dead.has(slot)) out.push(segment.idAt(slot), sc.matchDistance[k]!);
    }
  }
  return segment.n;
}
