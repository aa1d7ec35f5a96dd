/**
 * Stage 1: RGB bytes → float32 luminance, exactly as the reference's `fillFloatLumaFromRGB`.
 */
import { channelsOf, toRgbOnWhite, type Pixels } from '../../pixels.js';

// The reference keeps the coefficients as `float` and computes `cR·R + cG·G + cB·B` in float, left to
// right. A product of a float coefficient and a byte has only 256 values per channel, so we tabulate
// the rounded products once and only the two float additions remain per pixel.
const R_TIMES = new Float32Array(256);
const G_TIMES = new Float32Array(256);
const B_TIMES = new Float32Array(256);
{
  const cr = Math.fround(0.299);
  const cg = Math.fround(0.587);
  const cb = Math.fround(0.114);
  for (let v = 0; v < 256; v++) {
    R_TIMES[v] = cr * v; // stored as float: rounds like the C++ float product
    G_TIMES[v] = cg * v;
    B_TIMES[v] = cb * v;
  }
}

/**
 * Writes `width × height` luminance values (row-major) into `out`. RGBA is composited on white by
 * the shared `toRgbOnWhite`, so a browser and Node hash a transparent image identically.
 */
export function lumaFromPixels(pixels: Pixels, out: Float32Array): void {
  const count = pixels.width * pixels.height;
  if (out.length < count) throw new RangeError(`luma buffer holds ${out.length} values, need ${count}`);
  if (channelsOf(pixels) === 4) {
    // Browser ImageData is always RGBA and nearly always opaque: read it in place instead of paying
    // for an RGB copy, and fall back to the compositing path at the first non-opaque pixel.
    if (lumaFromOpaqueRgba(pixels.data, count, out)) return;
    lumaFromRgb(toRgbOnWhite(pixels), count, out);
    return;
  }
  lumaFromRgb(pixels.data, count, out);
}

function lumaFromRgb(rgb: Uint8Array | Uint8ClampedArray, count: number, out: Float32Array): void {
  const rt = R_TIMES;
  const gt = G_TIMES;
  const bt = B_TIMES;
  for (let p = 0, i = 0; p < count; p++, i += 3) {
    // (R + G) rounded to float, then + B rounded on store: the reference's evaluation order.
    out[p] = Math.fround(rt[rgb[i]] + gt[rgb[i + 1]]) + bt[rgb[i + 2]];
  }
}

/** Returns false, leaving `out` partly written, as soon as a pixel is not fully opaque. */
function lumaFromOpaqueRgba(rgba: Uint8Array | Uint8ClampedArray, count: number, out: Float32Array): boolean {
  const rt = R_TIMES;
  const gt = G_TIMES;
  const bt = B_TIMES;
  for (let p = 0, i = 0; p < count; p++, i += 4) {
    if (rgba[i + 3] !== 255) return false;
    out[p] = Math.fround(rt[rgba[i]] + gt[rgba[i + 1]]) + bt[rgba[i + 2]];
  }
  return true;
}
