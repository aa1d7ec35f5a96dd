/**
 * PDQ (Meta's perceptual photo hash), bit-exact with the C++ reference on the same pixels:
 * luma → Jarosz blur → 64 × 64 → quality → 16 × 16 DCT → median → 256 bits. Each stage is its own
 * file; this one only chains them and owns the scratch buffers.
 */
import type { Pixels } from '../../pixels.js';
import { dct64To16, dct64To16Folded } from './dct.js';
import { blurAndDecimate, decimationIndices, PDQ_GRID } from './decimate.js';
import { dihedralDct, PDQ_DIHEDRAL_NAMES } from './dihedral.js';
import { hashHexOfDct, PDQ_ZERO_HASH } from './hash-bits.js';
import { lumaFromPixels } from './luma.js';
import { qualityOf } from './quality.js';

export { PDQ_DIHEDRAL_NAMES };

/** Meta's recommended match threshold: two hashes match at Hamming distance ≤ 31. */
export const PDQ_MATCH_THRESHOLD = 31;
/** Meta's advice: do not rely on hashes of quality ≤ 49. */
export const PDQ_QUALITY_FLOOR = 50;

export interface PdqResult {
  /** 64 lowercase hex digits. */
  hash: string;
  /** 0..100. */
  quality: number;
}

export interface PdqDihedralResult extends PdqResult {
  /** The 8 hashes in the order of PDQ_DIHEDRAL_NAMES; dihedral[0] === hash. */
  dihedral: string[];
}

/** The reference gives up below this size (all-zero hash, quality 0). */
const MIN_HASHABLE_DIM = 5;
/**
 * Full-image scratch is kept between calls up to this many pixels: 2048², the most the pre-resize
 * leaves, so a series of photos allocates none (2 buffers, ≤ 34 MB; allocating them anew cost
 * ~7 ms per photo in Chromium, mostly first-touch page faults). `releasePdqScratch` frees them.
 */
const MAX_CACHED_PIXELS = 1 << 22;

// Calls are synchronous and never re-entrant, so module-level scratch is safe to share.
let cachedA = new Float32Array(0);
let cachedB = new Float32Array(0);
let cachedLine = new Float32Array(0);
const grid = new Float32Array(PDQ_GRID * PDQ_GRID);
const dctRows = new Float32Array(16 * PDQ_GRID);
const dct = new Float32Array(256);
const variant = new Float32Array(256);

function fullBuffer(which: 'a' | 'b', count: number): Float32Array {
  if (count > MAX_CACHED_PIXELS) return new Float32Array(count);
  if (which === 'a') {
    if (cachedA.length < count) cachedA = new Float32Array(count);
    return cachedA.subarray(0, count);
  }
  if (cachedB.length < count) cachedB = new Float32Array(count);
  return cachedB.subarray(0, count);
}

/** Frees the scratch kept between calls (a long-lived worker gone idle); the next call reallocates. */
export function releasePdqScratch(): void {
  cachedA = new Float32Array(0);
  cachedB = new Float32Array(0);
  cachedLine = new Float32Array(0);
}

function lineBuffer(length: number): Float32Array {
  if (cachedLine.length < length) cachedLine = new Float32Array(length);
  return cachedLine;
}

export function pdq(pixels: Pixels): PdqResult {
  const { width, height } = pixels;
  const luma = fullBuffer('a', width * height);
  lumaFromPixels(pixels, luma);
  if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) return { hash: PDQ_ZERO_HASH, quality: 0 };
  const quality = dctOfLuma(luma, width, height, luma);
  return { hash: hashHexOfDct(dct), quality };
}

/**
 * PDQ and its 7 rotated / mirrored variants from one luma, blur and DCT pass: the variants differ only
 * by sign flips and transposition of the DCT (bit-exact with the reference's
 * `pdqDihedralHash256esFromFloatLuma`). One deliberate difference: for an input of exactly 64 × 64
 * the reference's dihedral function blurs (window 1, which only perturbs the floats by rounding)
 * where its plain hash does not; we skip the blur in both so that dihedral[0] always equals `pdq()`.
 */
export function pdqDihedral(pixels: Pixels): PdqDihedralResult {
  const { width, height } = pixels;
  const luma = fullBuffer('a', width * height);
  lumaFromPixels(pixels, luma);
  if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) {
    return { hash: PDQ_ZERO_HASH, quality: 0, dihedral: PDQ_DIHEDRAL_NAMES.map(() => PDQ_ZERO_HASH) };
  }
  const quality = dctOfLuma(luma, width, height, luma);
  const dihedral = [hashHexOfDct(dct)];
  for (let k = 1; k < PDQ_DIHEDRAL_NAMES.length; k++) {
    dihedralDct(k, dct, variant);
    dihedral.push(hashHexOfDct(variant));
  }
  return { hash: dihedral[0], quality, dihedral };
}

/**
 * PDQ's last stages on a 64 × 64 grid the caller sampled itself (quality, DCT, median, bits):
 * what the variants use after sampling regions of one blurred image.
 */
export function pdqFromGrid(sampled: Float32Array): PdqResult {
  return fromGrid(sampled, false);
}

/** Quality, the DCT (the reference's, or `folded`), then the bits. */
function fromGrid(sampled: Float32Array, folded: boolean): PdqResult {
  if (sampled.length !== PDQ_GRID * PDQ_GRID) throw new RangeError(`expected a ${PDQ_GRID} × ${PDQ_GRID} grid, got ${sampled.length} values`);
  const quality = qualityOf(sampled);
  if (folded) dct64To16Folded(sampled, dct);
  else dct64To16(sampled, dctRows, dct);
  return { hash: hashHexOfDct(dct), quality };
}

/**
 * `pdqFromGrid` with the folded DCT (about twice as fast, not bit-exact with the reference): for
 * the PDQ variants sampled from one blur, which only ever meet hashes a bit or two away.
 */
export function variantPdqFromGrid(sampled: Float32Array): PdqResult {
  return fromGrid(sampled, true);
}

/**
 * PDQ of a luma plane the caller has already blurred whole with `jaroszBlur` (the variants'
 * plane, when it is the photo itself): the cells are read from it instead of blurring again. The
 * same hash and quality as `pdqFromLuma` of the unblurred luma, bit for bit (the same passes, the
 * same cell centres). Null where PDQ does not blur: 64 × 64, or under 5 pixels a side.
 */
export function pdqFromBlurred(blurred: Float32Array, width: number, height: number): PdqResult | null {
  if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM || (width === PDQ_GRID && height === PDQ_GRID)) return null;
  if (blurred.length < width * height) throw new RangeError(`blurred plane has ${blurred.length} values, need ${width}x${height}`);
  const xs = decimationIndices(width);
  const ys = decimationIndices(height);
  for (let i = 0; i < PDQ_GRID; i++) {
    const row = ys[i]! * width;
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = blurred[row + xs[j]!]!;
  }
  return pdqFromGrid(grid);
}

/**
 * PDQ of a row-major float32 luminance buffer (`width × height` values; `luma` is not modified),
 * for callers that compute luma themselves, e.g. from video frames.
 */
export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqResult {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`invalid image size ${width}x${height}`);
  }
  if (luma.length < width * height) throw new RangeError(`luma has ${luma.length} values, need ${width}x${height}`);
  if (width < MIN_HASHABLE_DIM || height < MIN_HASHABLE_DIM) return { hash: PDQ_ZERO_HASH, quality: 0 };
  const quality = dctOfLuma(luma, width, height, fullBuffer('a', width * height));
  return { hash: hashHexOfDct(dct), quality };
}

/**
 * Fills the module's `dct` (16 × 16) from luma and returns the quality. `work` (`width × height`)
 * may be `luma` itself when the caller owns it, as the reference blurs in place.
 */
function dctOfLuma(luma: Float32Array, width: number, height: number, work: Float32Array): number {
  if (width === PDQ_GRID && height === PDQ_GRID) {
    // Already 64 × 64 (e.g. a video frame scaled by ffmpeg): the reference skips the blur.
    grid.set(luma.subarray(0, PDQ_GRID * PDQ_GRID));
  } else {
    const line = lineBuffer(4 * Math.max(width, PDQ_GRID));
    const b = fullBuffer('b', Math.max(width, PDQ_GRID) * height);
    blurAndDecimate(luma, width, height, { a: work, b, line }, grid);
  }
  const quality = qualityOf(grid);
  dct64To16(grid, dctRows, dct);
  return quality;
}
