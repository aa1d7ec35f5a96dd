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

// Vertical pass: rows are summed, weighted, into float64 column sums `col` (3 per source column).
// A source row straddling two output rows is read once and split between both accumulators
// (`next` is overwritten: that row is always the first one of the next output row).

function addRgbRow(data: Uint8Array, p: number, srcW: number, col: Float64Array, w: number): void {
  for (let q = 0, end = srcW * 3; q < end; q++, p++) col[q] += data[p]! * w;
}

/** Two rows per pass: half the loads and stores of `col`, the bottleneck (~25% faster). */
function addRgbRows(data: Uint8Array, p: number, p2: number, srcW: number, col: Float64Array, w: number, w2: number): void {
  for (let q = 0, end = srcW * 3; q < end; q++, p++, p2++) col[q] += data[p]! * w + data[p2]! * w2;
}

function splitRgbRow(data: Uint8Array, p: number, srcW: number, col: Float64Array, w: number, next: Float64Array, wn: number): void {
  for (let q = 0, end = srcW * 3; q < end; q++, p++) {
    const v = data[p]!;
    col[q] += v * w;
    next[q] = v * wn;
  }
}

/** RGBA composited on white: c·a + 255·(1 − a). Opaque pixels take the cheap, well-predicted branch. */
function addRgbaRow(data: Uint8Array, p: number, srcW: number, col: Float64Array, w: number): void {
  for (let q = 0, end = srcW * 3; q < end; q += 3, p += 4) {
    const alpha = data[p + 3]!;
    if (alpha === 255) {
      col[q] += data[p]! * w;
      col[q + 1] += data[p + 1]! * w;
      col[q + 2] += data[p + 2]! * w;
    } else {
      const a = alpha / 255;
      col[q] += ((data[p]! - 255) * a + 255) * w;
      col[q + 1] += ((data[p + 1]! - 255) * a + 255) * w;
      col[q + 2] += ((data[p + 2]! - 255) * a + 255) * w;
    }
  }
}

function addRgbaRows(data: Uint8Array, p: number, p2: number, srcW: number, col: Float64Array, w: number, w2: number): void {
  for (let q = 0, end = srcW * 3; q < end; q += 3, p += 4, p2 += 4) {
    if ((data[p + 3]! & data[p2 + 3]!) === 255) { // both opaque
      col[q] += data[p]! * w + data[p2]! * w2;
      col[q + 1] += data[p + 1]! * w + data[p2 + 1]! * w2;
      col[q + 2] += data[p + 2]! * w + data[p2 + 2]! * w2;
    } else {
      const a = data[p + 3]! / 255, a2 = data[p2 + 3]! / 255;
      col[q] += ((data[p]! - 255) * a + 255) * w + ((data[p2]! - 255) * a2 + 255) * w2;
      col[q + 1] += ((data[p + 1]! - 255) * a + 255) * w + ((data[p2 + 1]! - 255) * a2 + 255) * w2;
      col[q + 2] += ((data[p + 2]! - 255) * a + 255) * w + ((data[p2 + 2]! - 255) * a2 + 255) * w2;
    }
  }
}

function splitRgbaRow(data: Uint8Array, p: number, srcW: number, col: Float64Array, w: number, next: Float64Array, wn: number): void {
  for (let q = 0, end = srcW * 3; q < end; q += 3, p += 4) {
    const alpha = data[p + 3]!;
    let r = data[p]!, g = data[p + 1]!, b = data[p + 2]!;
    if (alpha !== 255) {
      const a = alpha / 255;
      r = (r - 255) * a + 255;
      g = (g - 255) * a + 255;
      b = (b - 255) * a + 255;
    }
    col[q] += r * w;
    col[q + 1] += g * w;
    col[q + 2] += b * w;
    next[q] = r * wn;
    next[q + 1] = g * wn;
    next[q + 2] = b * wn;
  }
}

/** A plain row followed by a split row in one pass (scales ≥ 2: every output row needs one). */
function addSplitRgbRows(data: Uint8Array, p: number, p2: number, srcW: number, col: Float64Array, w: number, w2: number, next: Float64Array, wn: number): void {
  for (let q = 0, end = srcW * 3; q < end; q++, p++, p2++) {
    const v = data[p2]!;
    col[q] += data[p]! * w + v * w2;
    next[q] = v * wn;
  }
}

function addSplitRgbaRows(data: Uint8Array, p: number, p2: number, srcW: number, col: Float64Array, w: number, w2: number, next: Float64Array, wn: number): void {
  for (let q = 0, end = srcW * 3; q < end; q += 3, p += 4, p2 += 4) {
    let r = data[p]!, g = data[p + 1]!, b = data[p + 2]!;
    let r2 = data[p2]!, g2 = data[p2 + 1]!, b2 = data[p2 + 2]!;
    if ((data[p + 3]! & data[p2 + 3]!) !== 255) {
      const a = data[p + 3]! / 255, a2 = data[p2 + 3]! / 255;
      r = (r - 255) * a + 255; g = (g - 255) * a + 255; b = (b - 255) * a + 255;
      r2 = (r2 - 255) * a2 + 255; g2 = (g2 - 255) * a2 + 255; b2 = (b2 - 255) * a2 + 255;
    }
    col[q] += r * w + r2 * w2;
    col[q + 1] += g * w + g2 * w2;
    col[q + 2] += b * w + b2 * w2;
    next[q] = r2 * wn;
    next[q + 1] = g2 * wn;
    next[q + 2] = b2 * wn;
  }
}

/**
 * The horizontal plan with every output sample given the same number of taps (the most any has):
 * the extra taps weigh 0 and read the next columns (zeros padded past the row's end), and adding
 * x·0 = +0 changes no float (sums are never negative). One unrolled loop with no per-sample branch
 * on the tap count is ~30% faster in V8. Up to 4 taps (scales up to 3); beyond, the plain plan.
 */
interface PaddedPlan {
  taps: 2 | 3 | 4;
  /** 3 × the first source column of each output sample: its first value in `col`. */
  first: Int32Array;
  /** `taps` weights per output sample. */
  weights: Float64Array;
}

function padPlan(xs: AxisPlan, width: number): PaddedPlan | undefined {
  let taps = 2;
  for (let x = 0; x < width; x++) taps = Math.max(taps, xs.count[x]!);
  if (taps > 4) return undefined;
  const first = new Int32Array(width);
  const weights = new Float64Array(width * taps);
  for (let x = 0; x < width; x++) {
    first[x] = xs.start[x]! * 3;
    for (let k = 0; k < xs.count[x]!; k++) weights[x * taps + k] = xs.weights[xs.offset[x]! + k]!;
  }
  return { taps: taps as 2 | 3 | 4, first, weights };
}

// Horizontal pass over the column sums of one output row, rounded into `out` from `o`, `step`
// bytes per pixel (3, or 4 with the alpha bytes already 255). Rounding is branch-free: V8's
// Math.round branches on the fraction, which mispredicts on photo data (it doubled the whole
// resize). Sums are in [0, 255] (weights sum to 1), so no clamp. Each sum adds its taps left to
// right, as the plain loop does.

function resample2(col: Float64Array, out: Uint8Array, o: number, step: number, width: number, { first, weights }: PaddedPlan): void {
  for (let x = 0, w = 0; x < width; x++, o += step, w += 2) {
    const p = first[x]!, wa = weights[w]!, wb = weights[w + 1]!;
    out[o] = (col[p]! * wa + col[p + 3]! * wb + 0.5) | 0;
    out[o + 1] = (col[p + 1]! * wa + col[p + 4]! * wb + 0.5) | 0;
    out[o + 2] = (col[p + 2]! * wa + col[p + 5]! * wb + 0.5) | 0;
  }
}

function resample3(col: Float64Array, out: Uint8Array, o: number, step: number, width: number, { first, weights }: PaddedPlan): void {
  for (let x = 0, w = 0; x < width; x++, o += step, w += 3) {
    const p = first[x]!, wa = weights[w]!, wb = weights[w + 1]!, wc = weights[w + 2]!;
    out[o] = (col[p]! * wa + col[p + 3]! * wb + col[p + 6]! * wc + 0.5) | 0;
    out[o + 1] = (col[p + 1]! * wa + col[p + 4]! * wb + col[p + 7]! * wc + 0.5) | 0;
    out[o + 2] = (col[p + 2]! * wa + col[p + 5]! * wb + col[p + 8]! * wc + 0.5) | 0;
  }
}

function resample4(col: Float64Array, out: Uint8Array, o: number, step: number, width: number, { first, weights }: PaddedPlan): void {
  for (let x = 0, w = 0; x < width; x++, o += step, w += 4) {
    const p = first[x]!, wa = weights[w]!, wb = weights[w + 1]!, wc = weights[w + 2]!, wd = weights[w + 3]!;
    out[o] = (col[p]! * wa + col[p + 3]! * wb + col[p + 6]! * wc + col[p + 9]! * wd + 0.5) | 0;
    out[o + 1] = (col[p + 1]! * wa + col[p + 4]! * wb + col[p + 7]! * wc + col[p + 10]! * wd + 0.5) | 0;
    out[o + 2] = (col[p + 2]! * wa + col[p + 5]! * wb + col[p + 8]! * wc + col[p + 11]! * wd + 0.5) | 0;
  }
}

/** Any number of taps (scales above 3). */
function resampleAny(col: Float64Array, out: Uint8Array, o: number, step: number, width: number, xs: AxisPlan): void {
  const { start, count, offset, weights } = xs;
  for (let x = 0; x < width; x++, o += step) {
    let p = start[x]! * 3;
    let r = 0, g = 0, b = 0;
    for (let k = 0, w = offset[x]!, n = count[x]!; k < n; k++, p += 3, w++) {
      r += col[p]! * weights[w]!;
      g += col[p + 1]! * weights[w]!;
      b += col[p + 2]! * weights[w]!;
    }
    out[o] = (r + 0.5) | 0;
    out[o + 1] = (g + 0.5) | 0;
    out[o + 2] = (b + 0.5) | 0;
  }
}

export interface ResizeOptions {
  /** 3 (RGB, the default) or 4: RGBA with every alpha 255, what blockhash reads without a copy. */
  channels?: 3 | 4;
  /** Where to write the output (from its start; ≥ width·height·channels bytes), for reuse. */
  into?: Uint8Array;
}

/**
 * Area-average resize to exactly `width`×`height` (downscaling only). The output is opaque: RGBA
 * input is composited on white on the way (as PDQ does), so transparent pixels never bleed their
 * hidden colour into the average. Vertical first: each output row sums its source rows into one
 * row of float64 column sums, then resamples that row horizontally — each source pixel is read
 * once, and no image-sized float buffer is needed.
 */
export function areaResize(pixels: Pixels, width: number, height: number, options: ResizeOptions = {}): Pixels {
  const channels = channelsOf(pixels);
  const { width: srcW, height: srcH } = pixels;
  if (width > srcW || height > srcH) throw new RangeError('areaResize only shrinks');
  // Always a plain Uint8Array view (no copy): one element type at every access site (a browser
  // ImageData is Uint8ClampedArray, a Node Buffer another class), which keeps V8 monomorphic.
  const data = new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length);
  const xs = planAxis(srcW, width);
  const { start, count, offset, weights } = planAxis(srcH, height);
  const rowBytes = srcW * channels;
  const padded = padPlan(xs, width);
  const pad = padded ? 3 * (padded.taps - 1) : 0;
  let col = new Float64Array(srcW * 3 + pad);
  let next = new Float64Array(srcW * 3 + pad);
  let carried = false; // the first source row of this output row is already in `col`
  const channelsOut = options.channels ?? 3;
  const size = width * height * channelsOut;
  if (options.into && options.into.length < size) throw new RangeError(`areaResize needs ${size} bytes to write into`);
  const out = options.into ? options.into.subarray(0, size) : new Uint8Array(size);
  if (channelsOut === 4) out.fill(255);
  for (let oy = 0; oy < height; oy++) {
    const n = count[oy]!, y0 = start[oy]!, w0 = offset[oy]!;
    if (!carried) col.fill(0);
    // The last row also starts the next output row (never a row already carried in: scale ≥ 1).
    const split: boolean = oy + 1 < height && start[oy + 1] === y0 + n - 1 && !(carried && n === 1);
    const plain = split ? n - 1 : n; // rows [k, plain) are only added; a split row comes last
    let k = carried ? 1 : 0;
    // With an odd number of plain rows before a split row, pair the last one with the split row.
    const pairSplit = split && (plain - k) % 2 === 1;
    const pairsEnd = pairSplit ? plain - 1 : plain;
    for (; k + 1 < pairsEnd; k += 2) {
      const p = (y0 + k) * rowBytes, w = weights[w0 + k]!, w2 = weights[w0 + k + 1]!;
      if (channels === 3) addRgbRows(data, p, p + rowBytes, srcW, col, w, w2);
      else addRgbaRows(data, p, p + rowBytes, srcW, col, w, w2);
    }
    if (pairSplit) {
      const p = (y0 + k) * rowBytes, w = weights[w0 + k]!, w2 = weights[w0 + k + 1]!, wn = weights[offset[oy + 1]!]!;
      if (channels === 3) addSplitRgbRows(data, p, p + rowBytes, srcW, col, w, w2, next, wn);
      else addSplitRgbaRows(data, p, p + rowBytes, srcW, col, w, w2, next, wn);
    } else if (k < pairsEnd) {
      if (channels === 3) addRgbRow(data, (y0 + k) * rowBytes, srcW, col, weights[w0 + k]!);
      else addRgbaRow(data, (y0 + k) * rowBytes, srcW, col, weights[w0 + k]!);
    }
    if (split && !pairSplit) {
      const p = (y0 + n - 1) * rowBytes, w = weights[w0 + n - 1]!, wn = weights[offset[oy + 1]!]!;
      if (channels === 3) splitRgbRow(data, p, srcW, col, w, next, wn);
      else splitRgbaRow(data, p, srcW, col, w, next, wn);
    }
    const o = oy * width * channelsOut;
    if (!padded) resampleAny(col, out, o, channelsOut, width, xs);
    else if (padded.taps === 2) resample2(col, out, o, channelsOut, width, padded);
    else if (padded.taps === 3) resample3(col, out, o, channelsOut, width, padded);
    else resample4(col, out, o, channelsOut, width, padded);
    carried = split;
    const t = col; col = next; next = t;
  }
  return { width, height, data: out };
}

/** Applies the pre-resize policy: the same pixels when small enough, else an area-averaged copy. */
export function preResize(pixels: Pixels, maxSide = PRE_RESIZE_MAX_SIDE, options: ResizeOptions = {}): Pixels {
  const size = preResizeSize(pixels.width, pixels.height, maxSide);
  if (size.width === pixels.width && size.height === pixels.height) return pixels;
  return areaResize(pixels, size.width, size.height, options);
}
