import { HASH256_WORDS, parseHash } from './hex.js';

/** Number of set bits in a 32-bit integer (SWAR: no table, no loop). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between two packed 256-bit hashes stored at word offsets in flat arrays. */
export function hammingWords(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number): number {
  let d = 0;
  for (let i = 0; i < HASH256_WORDS; i++) d += popcount32(a[aOffset + i]! ^ b[bOffset + i]!);
  return d;
}

/** Hamming distance between two 256-bit hashes given as 64-hex strings or 8-word arrays. */
export function hamming(a: string | Uint32Array, b: string | Uint32Array): number {
  const wa = typeof a === 'string' ? parseHash(a, 'a') : a;
  const wb = typeof b === 'string' ? parseHash(b, 'b') : b;
  return hammingWords(wa, 0, wb, 0);
}
