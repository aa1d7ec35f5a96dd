/**
 * 256-bit hashes travel as 64 lowercase hex characters (PDQ's and blockhash's exchange format)
 * and are held in memory as 8 unsigned 32-bit words, read left to right: word 0 holds hex
 * characters 0–7. Every perceptual signal here shares this layout, so one distance serves all.
 */

export const HASH256_HEX_LENGTH = 64;
export const HASH256_WORDS = 8;

const HEX_256 = /^[0-9a-fA-F]{64}$/;

/** A hash string that is not 64 hex characters; `field` names where it came from. */
export class HashFormatError extends Error {
  override readonly name = 'HashFormatError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export function isHash256Hex(value: unknown): value is string {
  return typeof value === 'string' && HEX_256.test(value);
}

function describeBadHash(value: unknown): string {
  if (typeof value !== 'string') return `expected a string of 64 hex characters, got ${value === null ? 'null' : typeof value}`;
  if (value.length !== HASH256_HEX_LENGTH) return `expected 64 hex characters, got ${value.length}`;
  const bad = value.search(/[^0-9a-fA-F]/);
  return `expected only hex characters 0-9 a-f, found ${JSON.stringify(value[bad])} at position ${bad}`;
}

/** Lower-cases and checks a 64-hex hash; throws HashFormatError naming `field` otherwise. */
export function normalizeHash(value: unknown, field = 'hash'): string {
  if (!isHash256Hex(value)) throw new HashFormatError(field, describeBadHash(value));
  return value.toLowerCase();
}

/** Parses 64 hex characters into 8 words (into `out` at `offset` when given). */
export function parseHash(value: unknown, field = 'hash', out?: Uint32Array, offset = 0): Uint32Array {
  const hex = normalizeHash(value, field);
  const words = out ?? new Uint32Array(HASH256_WORDS);
  for (let i = 0; i < HASH256_WORDS; i++) {
    words[offset + i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16) >>> 0;
  }
  return words;
}

/** Formats 8 words (from `offset`) as 64 lowercase hex characters. */
export function formatHash(words: ArrayLike<number>, offset = 0): string {
  let hex = '';
  for (let i = 0; i < HASH256_WORDS; i++) {
    hex += (words[offset + i]! >>> 0).toString(16).padStart(8, '0');
  }
  return hex;
}
