import { describe, expect, it } from 'vitest';
import { formatHash, HashFormatError, normalizeHash, parseHash } from './hex.js';
import { hamming, popcount32 } from './hamming.js';

const H = '34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466ed';

describe('hex', () => {
  it('round-trips 64 hex characters through 8 words', () => {
    expect(formatHash(parseHash(H))).toBe(H);
    expect(formatHash(parseHash(H.toUpperCase()))).toBe(H);
  });
  it.each([
    ['', 'expected 64 hex characters, got 0'],
    [H.slice(1), 'expected 64 hex characters, got 63'],
    [H + '0', 'expected 64 hex characters, got 65'],
    [H.slice(0, 10) + 'g' + H.slice(11), 'found "g" at position 10'],
    [42, 'got number'],
    [null, 'got null'],
  ])('rejects %j with a clear reason', (value, reason) => {
    expect(() => normalizeHash(value, 'pdq')).toThrow(HashFormatError);
    expect(() => normalizeHash(value, 'pdq')).toThrow(/^pdq: /);
    expect(() => normalizeHash(value, 'pdq')).toThrow(reason);
  });
});

describe('hamming', () => {
  it('counts bits', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });
  it('is the number of differing bits, on hex and on words', () => {
    const flipped = H.slice(0, 63) + (H[63] === 'd' ? 'c' : 'd');
    expect(hamming(H, H)).toBe(0);
    expect(hamming(H, flipped)).toBe(1);
    expect(hamming('0'.repeat(64), 'f'.repeat(64))).toBe(256);
    expect(hamming(parseHash(H), parseHash(flipped))).toBe(1);
  });
});
