/**
 * The pre-resize policy for big camera photos, shared by the browser worker and the CLI so both
 * hash the same pixels: when the long side exceeds 1024 px, average the image down (exact area
 * coverage, like a box filter with fractional edges) so the long side is 1024 px.
 *
 * Why: PDQ's own Jarosz filter already averages, so an area pre-resize changes little (measured on
 * shared/corpus/large: see BENCHMARKS.md) while cutting the PDQ and blockhash work on a 12 MP photo
 * by ~12×. Nearest-neighbour shortcuts (Meta's CLI squashes to 512×512) alias and move hashes by up
 * to 18 bits: never do that.
 */
import { channelsOf, type Pixels } from './pixels.js';

export const PRE_RESIZE_MAX_SIDE = 1024;

/** Source span [start, start+count) and weights of each output sample along one axis. */
interface AxisPlan {
  start: Int32Array;
  count: Int32Array;
  weights: Float64Array; // count[i] weights per output sample, laid out at offset[i]
  offset: Int32Array;
}

function planAxis(srcSize: number, dstSize: number): AxisPlan {
  const scale = srcSize / dstSize;
  const start = new Int32Array(dstSize);
  const count = new Int32Array(dstSize);
  const offset = new Int32Array(dstSize);
  const weights: number[] = [];
  for (let i = 0; i < dstSize; i++) {
    const lo = i * scale;
    const hi = Math.min(srcSize, (i + 1) * scale);
    const first = Math.floor(lo);
    const last = Math.min(srcSize - 1, Math.ceil(hi) - 1);
    start[i] = first;
    count[i] = last - first + 1;
    offset[i] = weights.length;
    for (let s = first; s <= last; s++) {
      const covered = Math.min(hi, s + 1) - Math.max(lo, s);
      weights.push(covered / (hi - lo));
    }
  }
  return { start, count, weights: Float64Array.from(weights), offset };
}

/** Output size for a long side of `maxSide`, keeping the aspect ratio. */
export function preResizeSize(width: number, height: number, maxSide = PRE_RESIZE_MAX_SIDE): { width: number; height: number } {
  const longSide = Math.max(width, height);
  if (longSide <= maxSide) return { width, height };
  const scale = maxSide / longSide;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Area-average resize of RGB or RGBA pixels to exactly `width`×`height` (downscaling only). */
export function areaResize(pixels: Pixels, width: number, height: number): Pixels {
  const channels = channelsOf(pixels);
  const { width: srcW, height: srcH, data } = pixels;
  if (width > srcW || height > srcH) throw new RangeError('areaResize only shrinks');
  const xs = planAxis(srcW, width);
  const ys = planAxis(srcH, height);
  // Horizontal pass into float rows, then vertical pass with rounding.
  const rowStride = width * channels;
  const horizontal = new Float32Array(rowStride * srcH);
  for (let y = 0; y < srcH; y++) {
    const srcRow = y * srcW * channels;
    const dstRow = y * rowStride;
    for (let x = 0; x < width; x++) {
      const first = xs.start[x]!;
      const n = xs.count[x]!;
      const w0 = xs.offset[x]!;
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += data[srcRow + (first + k) * channels + c]! * xs.weights[w0 + k]!;
        horizontal[dstRow + x * channels + c] = sum;
      }
    }
  }
  const out = new Uint8Array(rowStride * height);
  for (let y = 0; y < height; y++) {
    const first = ys.start[y]!;
    const n = ys.count[y]!;
    const w0 = ys.offset[y]!;
    const dstRow = y * rowStride;
    for (let i = 0; i < rowStride; i++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += horizontal[(first + k) * rowStride + i]! * ys.weights[w0 + k]!;
      out[dstRow + i] = Math.min(255, Math.round(sum));
    }
  }
  return { width, height, data: out };
}

/** Applies the pre-resize policy: the same pixels when small enough, else an area-averaged copy. */
export function preResize(pixels: Pixels, maxSide = PRE_RESIZE_MAX_SIDE): Pixels {
  const size = preResizeSize(pixels.width, pixels.height, maxSide);
  if (size.width === pixels.width && size.height === pixels.height) return pixels;
  return areaResize(pixels, size.width, size.height);
}
