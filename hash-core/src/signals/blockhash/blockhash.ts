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

/**
 * How much layout a blockhash holds: the neighbouring blocks (left–right and top–bottom in its
 * 16 × 16 grid, 480 pairs) on opposite sides of the median. A coarse layout (a bright sky over a
 * dark ground, a vignette) has a few long boundaries and is shared by countless pictures; a
 * photo's texture draws many. Random bits give about 240; a uniform picture 0.
 */
export function blockhashTransitions(hex: string): number {
  const words = parseHash(hex, 'blockhash');
  const bit = (i: number) => (words[i >>> 5]! >>> (31 - (i & 31))) & 1;
  let transitions = 0;
  for (let y = 0; y < 16; y++) {
    for (let x = 0; x < 16; x++) {
      const b = bit(y * 16 + x);
      if (x < 15 && b !== bit(y * 16 + x + 1)) transitions++;
      if (y < 15 && b !== bit((y + 1) * 16 + x)) transitions++;
    }
  }
  return transitions;
}


/** Each hex digit's 4 bits in reverse order. */
const REVERSED_NIBBLE = Array.from({ length: 16 }, (_, v) => (((v & 1) << 3) | ((v & 2) << 1) | ((v & 4) >> 1) | ((v & 8) >> 3)).toString(16));

/**
 * The blockhash of the picture mirrored left to right, from the value itself: each row of 16 bits
 * reversed. Exact, not an estimate: mirroring moves blocks within their row, so each band of 4
 * rows keeps its blocks and its median, and every bit keeps its value at the mirrored place.
 */
export function mirrorBlockhash(hex: string): string {
  let out = '';
  // A row is 16 bits: 4 hex digits, each read backwards.
  for (let row = 0; row < hex.length; row += 4) {
    for (let digit = 3; digit >= 0; digit--) out += REVERSED_NIBBLE[parseInt(hex[row + digit]!, 16)];
  }
  return out;
}

