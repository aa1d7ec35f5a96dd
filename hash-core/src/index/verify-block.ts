import { popcount32 } from '../hamming.js';

/**
 * Candidate verification: the distance of each candidate that passed the pair filter (~100 per
 * radius-31 query at 1M hashes, ~6k at 10M, where entries keep fewer filter bits). Each is a
 * random read, so hashes are stored as two planes: words 0–2 ("head", 12 bytes) and words 3–7
 * ("tail"). 96 head bits reject a random candidate with probability ≈ 0.9997 at r = 31, and the
 * head plane is small enough (12 MB at 1M) to stay largely in the L3 cache.
 */
export const HEAD_WORDS = 3;
export const TAIL_WORDS = 5;

/** Candidates verified per batch: big enough to keep many cache misses in flight, small enough for L1/L2. */
export const BLOCK = 1024;

// 16-bit popcount table: two loads per word beat the SWAR popcount32 in this loop (measured
// ~4 ns vs ~6 ns per candidate) and make the pair-filter test one load; popcount32 is still
// used wherever a word is rarely reached.
export const POPCOUNT16 = new Uint8Array(65536);
for (let i = 1; i < 65536; i++) POPCOUNT16[i] = POPCOUNT16[i >>> 1]! + (i & 1);

export const POPCOUNT_TABLE_BYTES = POPCOUNT16.byteLength;

// Written by the prefetch pass so the engine cannot drop its loads as dead code.
let prefetchSink = 0;

/** Reusable per-index buffers, so a query allocates nothing but its result. */
export class SearchScratch {
  readonly slots = new Int32Array(BLOCK);
  /** Chunk (table) each candidate was found through, for de-duplication. */
  readonly chunks = new Uint8Array(BLOCK);
  readonly matchIndex = new Int32Array(BLOCK);
  readonly matchDistance = new Int32Array(BLOCK);
  readonly item = new Int32Array(8);
  readonly queryKeys = new Int32Array(16);
  readonly queryFilters = new Int32Array(16);
  // Per probe: key, bucket range, chunk, flips (16 chunks × 17 keys at most).
  readonly keys = new Int32Array(272);
  readonly rangeStart = new Int32Array(272);
  readonly rangeEnd = new Int32Array(272);
  readonly rangeChunk = new Uint8Array(272);
  readonly rangeFlips = new Uint8Array(272);

  ensureProbes(count: number): void {
    if (count > this.keys.length) throw new RangeError(`internal: ${count} probes exceed the scratch`);
  }

  get byteLength(): number {
    return (
      this.slots.byteLength + this.chunks.byteLength + this.matchIndex.byteLength + this.matchDistance.byteLength +
      this.item.byteLength + this.queryKeys.byteLength + this.queryFilters.byteLength + this.keys.byteLength +
      this.rangeStart.byteLength + this.rangeEnd.byteLength + this.rangeChunk.byteLength + this.rangeFlips.byteLength
    );
  }
}

/**
 * Computes the distance from `q` to each of `count` candidate slots and writes those within
 * `radius` as (candidate index, distance) into the scratch; returns how many.
 */
export function verifyBlock(
  head: Int32Array,
  tail: Int32Array,
  q: Int32Array,
  radius: number,
  sc: SearchScratch,
  count: number,
): number {
  const slots = sc.slots;
  // Pass 1 only loads: its loads are independent, so dozens of cache misses overlap, where the
  // branchy pass 2 would wait for them one or two at a time.
  let sink = 0;
  for (let i = 0; i < count; i++) sink ^= head[slots[i]! * 3]!;
  prefetchSink ^= sink;

  const T = POPCOUNT16;
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!;
  const outIndex = sc.matchIndex;
  const outDistance = sc.matchDistance;
  let found = 0;
  for (let i = 0; i < count; i++) {
    const h = slots[i]! * 3;
    const a = q0 ^ head[h]!;
    const b = q1 ^ head[h + 1]!;
    const c = q2 ^ head[h + 2]!;
    let d = T[a & 0xffff]! + T[a >>> 16]! + T[b & 0xffff]! + T[b >>> 16]! + T[c & 0xffff]! + T[c >>> 16]!;
    if (d > radius) continue;
    const t = slots[i]! * 5;
    d += popcount32(q[3]! ^ tail[t]!) + popcount32(q[4]! ^ tail[t + 1]!) + popcount32(q[5]! ^ tail[t + 2]!);
    if (d > radius) continue;
    d += popcount32(q[6]! ^ tail[t + 3]!) + popcount32(q[7]! ^ tail[t + 4]!);
    if (d > radius) continue;
    outIndex[found] = i;
    outDistance[found++] = d;
  }
  return found;
}

/**
 * Linear scan of slots [from, to): writes (slot, distance) of those within `radius` into the
 * scratch's matchIndex/matchDistance; returns how many. `to - from` must not exceed BLOCK.
 */
export function scanBlock(
  head: Int32Array,
  tail: Int32Array,
  q: Int32Array,
  radius: number,
  sc: SearchScratch,
  from: number,
  to: number,
): number {
  const T = POPCOUNT16;
  const q0 = q[0]!, q1 = q[1]!, q2 = q[2]!;
  const outIndex = sc.matchIndex;
  const outDistance = sc.matchDistance;
  let found = 0;
  for (let s = from; s < to; s++) {
    const h = s * 3;
    const a = q0 ^ head[h]!;
    const b = q1 ^ head[h + 1]!;
    const c = q2 ^ head[h + 2]!;
    let d = T[a & 0xffff]! + T[a >>> 16]! + T[b & 0xffff]! + T[b >>> 16]! + T[c & 0xffff]! + T[c >>> 16]!;
    if (d > radius) continue;
    const t = s * 5;
    d += popcount32(q[3]! ^ tail[t]!) + popcount32(q[4]! ^ tail[t + 1]!) + popcount32(q[5]! ^ tail[t + 2]!);
    d += popcount32(q[6]! ^ tail[t + 3]!) + popcount32(q[7]! ^ tail[t + 4]!);
    if (d > radius) continue;
    outIndex[found] = s;
    outDistance[found++] = d;
  }
  return found;
}

/** Copies a stored hash (head + tail planes) into 8 words at `out[at]`. */
export function readPlanes(head: Int32Array, tail: Int32Array, slot: number, out: Int32Array | Uint32Array, at = 0): void {
  const h = slot * 3;
  const t = slot * 5;
  out[at] = head[h]!;
  out[at + 1] = head[h + 1]!;
  out[at + 2] = head[h + 2]!;
  out[at + 3] = tail[t]!;
  out[at + 4] = tail[t + 1]!;
  out[at + 5] = tail[t + 2]!;
  out[at + 6] = tail[t + 3]!;
  out[at + 7] = tail[t + 4]!;
}

/** Writes 8 words from `words[at]` into the planes at `slot`. */
export function writePlanes(head: Int32Array, tail: Int32Array, slot: number, words: ArrayLike<number>, at = 0): void {
  const h = slot * 3;
  const t = slot * 5;
  head[h] = words[at]!;
  head[h + 1] = words[at + 1]!;
  head[h + 2] = words[at + 2]!;
  tail[t] = words[at + 3]!;
  tail[t + 1] = words[at + 4]!;
  tail[t + 2] = words[at + 5]!;
  tail[t + 3] = words[at + 6]!;
  tail[t + 4] = words[at + 7]!;
}
