/**
 * Stage 8: 16 × 16 DCT → 256 bits → 64 hex digits, in the reference's layout (`pdqBuffer16x16ToBits`
 * and `Hash256::format`).
 */
import { torbenMedian } from './torben.js';

export const PDQ_ZERO_HASH = '0'.repeat(64);

/**
 * Bit k = i·16 + j is set when DCT[i][j] is strictly above the median. It is bit k & 15 of 16-bit
 * word k >> 4, so word i is DCT row i with column j as bit j; the text prints word 15 first.
 */
export function hashHexOfDct(dct: Float32Array): string {
  const median = torbenMedian(dct, 256);
  let hex = '';
  for (let i = 15; i >= 0; i--) {
    const row = i * 16;
    let word = 0;
    for (let j = 0; j < 16; j++) if (dct[row + j] > median) word |= 1 << j;
    hex += word.toString(16).padStart(4, '0');
  }
  return hex;
}
