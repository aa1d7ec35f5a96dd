import { HASH256_WORDS, parseHash } from '../hex.js';
import type { HashInput } from './types.js';

/** Ids are database row ids and similar: unsigned 32-bit integers. */
export function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new RangeError(`id: expected an integer from 0 to 4294967295, got ${String(id)}`);
  }
  return id;
}

/** Radii are whole bit counts; anything from 256 up matches every stored hash. */
export function checkRadius(radius: number): number {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new RangeError(`radius: expected a non-negative integer, got ${String(radius)}`);
  }
  return Math.min(radius, 256);
}

/**
 * Writes a hash into `out` (8 words at `offset`) as signed 32-bit words: the hot loops read
 * Int32Arrays so V8 keeps every word in an integer register.
 */
export function readHashInput(hash: HashInput, out: Int32Array, offset = 0, field = 'hash'): Int32Array {
  if (typeof hash === 'string') {
    const words = parseHash(hash, field);
    for (let i = 0; i < HASH256_WORDS; i++) out[offset + i] = words[i]! | 0;
    return out;
  }
  if (!(hash instanceof Uint32Array) || hash.length !== HASH256_WORDS) {
    throw new TypeError(`${field}: expected 64 hex characters or a Uint32Array of 8 words`);
  }
  for (let i = 0; i < HASH256_WORDS; i++) out[offset + i] = hash[i]! | 0;
  return out;
}

/** Splits `searchMany` input (an array of hashes or packed words) into a count and a reader. */
export function queryCount(hashes: readonly HashInput[] | Uint32Array): number {
  if (hashes instanceof Uint32Array) {
    if (hashes.length % HASH256_WORDS !== 0) {
      throw new RangeError(`hashes: packed words must come 8 per hash, got ${hashes.length} words`);
    }
    return hashes.length / HASH256_WORDS;
  }
  return hashes.length;
}

export function readQuery(hashes: readonly HashInput[] | Uint32Array, i: number, out: Int32Array): Int32Array {
  if (hashes instanceof Uint32Array) {
    for (let w = 0; w < HASH256_WORDS; w++) out[w] = hashes[i * HASH256_WORDS + w]! | 0;
    return out;
  }
  return readHashInput(hashes[i]!, out, 0, `hashes[${i}]`);
}
