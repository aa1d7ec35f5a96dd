/**
 * blockhash-256 (blockhash.io, "precise" method bmvbhash with 16×16 blocks → 64 hex), through the
 * reference JavaScript package so our values agree with other blockhash users. It reads RGBA and
 * counts fully transparent pixels as white by design.
 */
import { bmvbhash } from 'blockhash-core';
import { popcount32 } from '../../hamming.js';
import { parseHash } from '../../hex.js';
import { channelsOf, type Pixels } from '../../pixels.js';

export const BLOCKHASH_BITS_PER_SIDE = 16;

function toRgba(pixels: Pixels): Pixels {
  if (channelsOf(pixels) === 4) return pixels;
  const { width, height, data } = pixels;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, o = 0; i < data.length; i += 3, o += 4) {
    rgba[o] = data[i]!;
    rgba[o + 1] = data[i + 1]!;
    rgba[o + 2] = data[i + 2]!;
    rgba[o + 3] = 255;
  }
  return { width, height, data: rgba };
}

export function blockhash256(pixels: Pixels): string {
  const rgba = toRgba(pixels);
  if (rgba.width < BLOCKHASH_BITS_PER_SIDE || rgba.height < BLOCKHASH_BITS_PER_SIDE) {
    // Fewer pixels than blocks: bmvbhash would index past its blocks; there is nothing to hash.
    return '0'.repeat(64);
  }
  return bmvbhash({ width: rgba.width, height: rgba.height, data: rgba.data }, BLOCKHASH_BITS_PER_SIDE);
}

/**
 * Whether a blockhash says nothing of its picture: in every band nearly all bits alike (≤ 2 bits
 * differ from the rest). A uniform picture's blocks all tie with their band's median, and ties
 * give all zeros (dark) or all ones (light): every uniform picture gets the same few hashes, so
 * they must not match. A photo with a flat region still has one band that varies.
 */
export function isUniformBlockhash(hex: string): boolean {
  const words = parseHash(hex, 'blockhash');
  // A band is 4 rows of 16 blocks: 64 bits, two words.
  for (let band = 0; band < words.length; band += 2) {
    const ones = popcount32(words[band]!) + popcount32(words[band + 1]!);
    if (ones > 2 && ones < 62) return false;
  }
  return true;
}
