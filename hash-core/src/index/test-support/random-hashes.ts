/**
 * Seeded hash generators for the index tests: uniform hashes, near-duplicate clusters (as real
 * PDQ banks have) and queries whose differing bits are spread chunk by chunk, the worst case for
 * multi-index hashing.
 */
import { expect } from 'vitest';
import type { HashIndex, HashInput } from '../types.js';

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export function randomHash(rnd: Rng): Uint32Array {
  const w = new Uint32Array(8);
  for (let i = 0; i < 8; i++) w[i] = rnd();
  return w;
}

/** `count` distinct random bit positions in [from, from + span). */
function distinctBits(rnd: Rng, count: number, from: number, span: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(from + (rnd() % span));
  return [...picked];
}

function flipBit(w: Uint32Array, bit: number): void {
  w[bit >>> 5]! ^= 1 << (31 - (bit & 31));
}

/** A copy of `hash` with `k` distinct random bits flipped. */
export function flipRandom(hash: Uint32Array, k: number, rnd: Rng): Uint32Array {
  const w = hash.slice();
  for (const bit of distinctBits(rnd, k, 0, 256)) flipBit(w, bit);
  return w;
}

/** A copy of `hash` with exactly perChunk[f] bits flipped inside each 16-bit chunk f. */
export function flipPerChunk(hash: Uint32Array, perChunk: readonly number[], rnd: Rng): Uint32Array {
  const w = hash.slice();
  perChunk.forEach((k, f) => {
    for (const bit of distinctBits(rnd, k, 16 * f, 16)) flipBit(w, bit);
  });
  return w;
}

/**
 * Splits `total` differing bits over the 16 chunks as evenly as possible, then shuffles: every
 * chunk differs, so exact-key probes find nothing and only the one-bit probes plus the pair
 * filter can. For total = 31: fifteen chunks at 2 bits and one at 1.
 */
export function spreadPattern(total: number, rnd: Rng): number[] {
  const pattern = Array.from({ length: 16 }, (_, f) => Math.floor(total / 16) + (f < total % 16 ? 1 : 0));
  for (let i = 15; i > 0; i--) {
    const j = rnd() % (i + 1);
    [pattern[i], pattern[j]] = [pattern[j]!, pattern[i]!];
  }
  return pattern;
}

/** A random split of `total` bits over 16 chunks (at most 16 per chunk). */
export function randomPattern(total: number, rnd: Rng): number[] {
  const pattern = new Array<number>(16).fill(0);
  for (let placed = 0; placed < total; ) {
    const f = rnd() % 16;
    if (pattern[f]! < 16) {
      pattern[f]!++;
      placed++;
    }
  }
  return pattern;
}

export interface Bank {
  ids: Uint32Array;
  words: Uint32Array;
}

/** `n` hashes: `clusterShare` of them near-duplicates (≤ maxFlips bits) of a few cluster centres. */
export function makeBank(n: number, rnd: Rng, clusterShare = 0.5, maxFlips = 8, centres = Math.max(1, n >> 6)): Bank {
  const ids = new Uint32Array(n);
  const words = new Uint32Array(n * 8);
  const centreHashes = Array.from({ length: centres }, () => randomHash(rnd));
  for (let i = 0; i < n; i++) {
    ids[i] = i * 3 + 1; // sparse, like row ids after deletes
    const clustered = rnd() / 2 ** 32 < clusterShare;
    const hash = clustered ? flipRandom(centreHashes[rnd() % centres]!, rnd() % (maxFlips + 1), rnd) : randomHash(rnd);
    words.set(hash, i * 8);
  }
  return { ids, words };
}

export function hashAt(words: Uint32Array, i: number): Uint32Array {
  return words.slice(i * 8, i * 8 + 8);
}

/** Asserts the index answers exactly like the oracle for every query and radius. */
export function expectSameAs(index: HashIndex, oracle: HashIndex, queries: readonly HashInput[], radii: readonly number[]): void {
  for (const radius of radii) {
    for (const q of queries) {
      const got = index.search(q, radius);
      const want = oracle.search(q, radius);
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        expect({ radius, query: q, got }).toEqual({ radius, query: q, got: want });
      }
    }
  }
}
