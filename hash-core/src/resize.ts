/**
 * The pre-resize policy for big camera photos, shared by the browser worker and the CLI so both
 * hash the same pixels: when the long side exceeds 2048 px, average the image down (exact area
 * coverage: a box filter with fractional edges) so the long side is 2048 px.
 *
 * Why 2048: measured against Meta's algorithm on full-resolution pixels (shared/reference/pdq
 * large.tsv, 1600–5120 px; `pnpm eval:preresize`), a limit of 2048 keeps every hash within 6 bits
 * (median 2), while 1024 reaches 12 bits on one photo and 512 reaches 18 — PDQ bits near the
 * median are fragile. Photos up to 2048 px are hashed untouched (0 bits). The limit bounds memory
 * in the browser (a 48 MP photo would otherwise need ~600 MB of float buffers) and keeps PDQ and
 * blockhash fast. Nearest-neighbour shortcuts (Meta's CLI squashes to 512×512) alias: never.
 */
import { channelsOf, type Pixels } from './pixels.js';

export const PRE_RESIZE_MAX_SIDE = 2048;

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

type Bytes = Uint8Array | Uint8ClampedArray;

function resampleRgbRow(data: Bytes, srcRow: number, row: Float32Array, width: number, start: Int32Array, count: Int32Array, offset: Int32Array, weights: Float64Array): void {
  for (let x = 0, o = 0; x < width; x++, o += 3) {
    const n = count[x]!;
    const w0 = offset[x]!;
    let p = srcRow + start[x]! * 3;
    let r = 0, g = 0, b = 0;
    for (let k = 0; k < n; k++, p += 3) {
      const w = weights[w0 + k]!;
      r += data[p]! * w;
      g += data[p + 1]! * w;
      b += data[p + 2]! * w;
    }
    row[o] = r;
    row[o + 1] = g;
    row[o + 2] = b;
  }
}

function resampleRgbaRowOnWhite(data: Bytes, srcRow: number, row: Float32Array, width: number, start: Int32Array, count: Int32Array, offset: Int32Array, weights: Float64Array): void {
  for (let x = 0, o = 0; x < width; x++, o += 3) {
    const n = count[x]!;
    const w0 = offset[x]!;
    let p = srcRow + start[x]! * 4;
    let r = 0, g = 0, b = 0;
    for (let k = 0; k < n; k++, p += 4) {
      const w = weights[w0 + k]!;
      const alpha = data[p + 3]!;
      if (alpha === 255) {
        r += data[p]! * w;
        g += data[p + 1]! * w;
        b += data[p + 2]! * w;
      } else {
        const a = alpha / 255; // composited on white: c·a + 255·(1 − a)
        r += ((data[p]! - 255) * a + 255) * w;
        g += ((data[p + 1]! - 255) * a + 255) * w;
        b += ((data[p + 2]! - 255) * a + 255) * w;
      }
    }
    row[o] = r;
    row[o + 1] = g;
    row[o + 2] = b;
  }
}

/**
 * Area-average resize to exactly `width`×`height` (downscaling only). The output is always RGB:
 * RGBA input is composited on white on the way (as PDQ does), so transparent pixels never bleed
 * their hidden colour into the average. Streams source rows once (cache-friendly) and accumulates
 * into the output in float32.
 */
export function areaResize(pixels: Pixels, width: number, height: number): Pixels {
  const channels = channelsOf(pixels);
  const { width: srcW, height: srcH, data } = pixels;
  if (width > srcW || height > srcH) throw new RangeError('areaResize only shrinks');
  const xs = planAxis(srcW, width);
  const ys = planAxis(srcH, height);
  const rowStride = width * 3;
  const row = new Float32Array(rowStride);
  const acc = new Float32Array(rowStride * height);
  const { start: xStart, count: xCount, offset: xOffset, weights: xWeights } = xs;
  let y = 0;
  for (let sy = 0; sy < srcH; sy++) {
    // Horizontal: one source row into `row`.
    if (channels === 3) resampleRgbRow(data, sy * srcW * 3, row, width, xStart, xCount, xOffset, xWeights);
    else resampleRgbaRowOnWhite(data, sy * srcW * 4, row, width, xStart, xCount, xOffset, xWeights);
    // Vertical: add the row into the one or two output rows it overlaps.
    while (y < height && ys.start[y]! + ys.count[y]! <= sy) y++;
    for (let oy = y; oy < height && ys.start[oy]! <= sy; oy++) {
      const w = ys.weights[ys.offset[oy]! + (sy - ys.start[oy]!)]!;
      const base = oy * rowStride;
      for (let i = 0; i < rowStride; i++) acc[base + i] += row[i]! * w;
    }
  }
  const out = new Uint8Array(rowStride * height);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.round(acc[i]!));
  return { width, height, data: out };
}

/** Applies the pre-resize policy: the same pixels when small enough, else an area-averaged copy. */
export function preResize(pixels: Pixels, maxSide = PRE_RESIZE_MAX_SIDE): Pixels {
  const size = preResizeSize(pixels.width, pixels.height, maxSide);
  if (size.width === pixels.width && size.height === pixels.height) return pixels;
  return areaResize(pixels, size.width, size.height);
}
