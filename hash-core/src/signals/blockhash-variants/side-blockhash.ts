/**
 * blockhash-256 of a photo with a quarter cut from one side. A caption, watermark or sticker at an
 * edge changes a few rows or columns of blocks, and blockhash's band medians carry the change to
 * the rest; with that side left out of both the stored photo and the copy, the rest agrees again.
 * It matters most for photos with little texture (wood, skin, a wall), where the text outweighs
 * the picture in PDQ, whose quality then rules it out anyway.
 *
 * Computed from the variants' coarse luma plane (≤ 320 px), block means exact to the fraction of
 * a pixel (a summed-area table read bilinearly), then blockhash's rule: a bit is 1 when its block
 * is brighter than the median of its band of 4 rows. Not bmvbhash's bits (luma rather than R+G+B):
 * only ever compared with hashes made here.
 */
import type { Box, LumaPlane } from '../pdq-variants/luma-plane.js';

const SIDE = 16;
const BAND_ROWS = 4;

/** Below this spread of block means (luma levels) a crop is flat: its bits would be ties and noise. */
export const SIDE_BLOCKHASH_MIN_SPREAD = 2;

// The table, kept between photos (≤ 3.3 MB): a fresh one costs first-touch page faults in a browser.
let tableScratch = new Float64Array(0);

/** Frees the table kept between calls. */
export function releaseSideBlockhashScratch(): void {
  tableScratch = new Float64Array(0);
}

/**
 * Summed-area table of a plane, (width + 1) × (height + 1), in float64 (sums reach ~7 × 10⁷). A
 * view of a buffer kept between calls: valid until the next call.
 */
export function summedArea(plane: LumaPlane): Float64Array {
  const { width, height, luma } = plane;
  const stride = width + 1;
  const size = stride * (height + 1);
  if (tableScratch.length < size) tableScratch = new Float64Array(size);
  const table = tableScratch.subarray(0, size);
  table.fill(0, 0, stride); // the first row; every other cell is written below, but column 0
  for (let y = 1; y <= height; y++) table[y * stride] = 0;
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += luma[y * width + x]!;
      table[(y + 1) * stride + x + 1] = table[y * stride + x + 1]! + row;
    }
  }
  return table;
}

/** Integral of the plane over [0, x] × [0, y], x and y fractional (exact for pixels as constant squares). */
function integral(table: Float64Array, stride: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const x1 = fx > 0 ? x0 + 1 : x0;
  const y1 = fy > 0 ? y0 + 1 : y0;
  const a = table[y0 * stride + x0]!;
  const b = table[y0 * stride + x1]!;
  const c = table[y1 * stride + x0]!;
  const d = table[y1 * stride + x1]!;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const half = sorted.length / 2;
  return (sorted[half - 1]! + sorted[half]!) / 2;
}

const means = new Float64Array(SIDE * SIDE);

/** The 64-hex blockhash of `box` of the plane, or null when the box is flat. */
export function blockhashOfBox(plane: LumaPlane, table: Float64Array, box: Box): string | null {
  const stride = plane.width + 1;
  const left = box.left * plane.width;
  const top = box.top * plane.height;
  const cellW = ((box.right - box.left) * plane.width) / SIDE;
  const cellH = ((box.bottom - box.top) * plane.height) / SIDE;
  if (cellW < 1 || cellH < 1) return null; // fewer pixels than blocks
  let low = Infinity;
  let high = -Infinity;
  for (let row = 0; row < SIDE; row++) {
    const y0 = top + row * cellH;
    const y1 = y0 + cellH;
    for (let col = 0; col < SIDE; col++) {
      const x0 = left + col * cellW;
      const x1 = x0 + cellW;
      const sum = integral(table, stride, x1, y1) - integral(table, stride, x0, y1) - integral(table, stride, x1, y0) + integral(table, stride, x0, y0);
      const mean = sum / (cellW * cellH);
      means[row * SIDE + col] = mean;
      if (mean < low) low = mean;
      if (mean > high) high = mean;
    }
  }
  if (high - low < SIDE_BLOCKHASH_MIN_SPREAD) return null;
  let hex = '';
  for (let band = 0; band < SIDE / BAND_ROWS; band++) {
    const blocks = means.subarray(band * BAND_ROWS * SIDE, (band + 1) * BAND_ROWS * SIDE);
    const m = median(blocks);
    // blockhash's tie rule: a block equal to a bright median counts as brighter.
    const bit = (v: number) => (v > m || (Math.abs(v - m) < 1e-9 && m > 127.5) ? 1 : 0);
    for (let i = 0; i < blocks.length; i += 4) {
      hex += ((bit(blocks[i]!) << 3) | (bit(blocks[i + 1]!) << 2) | (bit(blocks[i + 2]!) << 1) | bit(blocks[i + 3]!)).toString(16);
    }
  }
  return hex;
}
