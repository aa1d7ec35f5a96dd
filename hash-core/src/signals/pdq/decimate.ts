/**
 * Stage 3: blur and decimate the luma to 64 × 64. The reference blurs the whole image
 * (`jaroszFilterFloat`) and then samples cell centres (`decimateFloat`); we fuse the sampling into
 * the last blur pass, which yields the same floats with far less work.
 */
import { boxAlongCols, boxAlongColsAt, boxAlongRows, boxAlongRowsAt, jaroszWindowSize } from './jarosz.js';

export const PDQ_GRID = 64;
/** Passes of the row + column box filters (`PDQ_NUM_JAROSZ_XY_PASSES`). */
const JAROSZ_PASSES = 2;

/**
 * Source index for each of `outSize` samples over `inSize`: floor((k + ½) · in / out), computed in
 * double like the reference. Ascending; repeats when the source is smaller than the output.
 */
export function decimationIndices(inSize: number, outSize: number = PDQ_GRID): Int32Array {
  const index = new Int32Array(outSize);
  for (let k = 0; k < outSize; k++) index[k] = Math.floor(((k + 0.5) * inSize) / outSize);
  return index;
}

/** Scratch for `blurAndDecimate`; sizes for a `width × height` image. */
export interface DownsampleScratch {
  /** ≥ width·height floats; may be the luma buffer itself when the caller lets it be overwritten. */
  readonly a: Float32Array;
  /** ≥ max(width, 64)·height floats. */
  readonly b: Float32Array;
  /** ≥ 4·max(width, 64) floats. */
  readonly line: Float32Array;
}

/**
 * The whole Jarosz blur of `luma` (both passes, windows for a 64 × 64 output): for callers that
 * sample several regions of one blurred image (PDQ variants), where PDQ itself only computes the
 * sampled cells. Into new buffers, or into `scratch` (each ≥ width·height floats; the result is a
 * view of `scratch.a`).
 */
export function jaroszBlur(luma: Float32Array, width: number, height: number, scratch?: { a: Float32Array; b: Float32Array }): Float32Array {
  const rowWindow = jaroszWindowSize(width, PDQ_GRID);
  const colWindow = jaroszWindowSize(height, PDQ_GRID);
  const count = width * height;
  const fits = scratch !== undefined && scratch.a.length >= count && scratch.b.length >= count;
  const a = fits ? scratch.a.subarray(0, count) : new Float32Array(count);
  const b = fits ? scratch.b.subarray(0, count) : new Float32Array(count);
  const sums = new Float32Array(width);
  let source = luma;
  for (let pass = 0; pass < JAROSZ_PASSES; pass++) {
    boxAlongRows(source, b, height, width, rowWindow);
    boxAlongCols(b, a, height, width, colWindow, sums);
    source = a;
  }
  return a;
}

/**
 * Jarosz blur of `luma` (`width × height`, row-major) then sampling into `out` (64 × 64). The last
 * row pass divides only at the 64 sampled columns and the last column pass only runs down those
 * columns, writing only the 64 sampled rows. `luma` is only read, unless it is `scratch.a`.
 */
export function blurAndDecimate(
  luma: Float32Array,
  width: number,
  height: number,
  scratch: DownsampleScratch,
  out: Float32Array,
): void {
  const { a, b, line } = scratch;
  const rowWindow = jaroszWindowSize(width, PDQ_GRID); // the box along rows follows the width
  const colWindow = jaroszWindowSize(height, PDQ_GRID); // the box along columns, the height
  let source = luma;
  for (let pass = 1; pass < JAROSZ_PASSES; pass++) {
    boxAlongRows(source, b, height, width, rowWindow);
    boxAlongCols(b, a, height, width, colWindow, line);
    source = a;
  }
  // last pass: rows → height × 64 at the sampled columns, then columns → the 64 sampled rows
  boxAlongRowsAt(source, height, width, rowWindow, decimationIndices(width), b, line);
  boxAlongColsAt(b, height, PDQ_GRID, colWindow, decimationIndices(height), out, line);
}
