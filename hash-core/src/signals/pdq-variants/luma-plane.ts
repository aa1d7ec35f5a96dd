/**
 * A small luminance image, the working surface of the PDQ variants: every crop, trim and tilt is
 * hashed from one ≤ 512 px copy of the photo. PDQ reduces any input to 64 × 64, so hashing a
 * variant from 512 px instead of 2048 moves it by a few bits at most, and costs 16× less.
 */
import { channelsOf, type Pixels } from '../../pixels.js';
import { areaResize, preResizeSize } from '../../resize.js';
import { lumaFromPixels } from '../pdq/luma.js';

export interface LumaPlane {
  readonly width: number;
  readonly height: number;
  /** Row-major luma, PDQ's formula (0.299 R + 0.587 G + 0.114 B, float32). */
  readonly luma: Float32Array;
}

/** Long side of the plane the variants are hashed from. */
export const VARIANT_PLANE_MAX_SIDE = 512;

/** Relative rectangle: fractions of the width and height, 0 ≤ left < right ≤ 1. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export const WHOLE: Box = { left: 0, top: 0, right: 1, bottom: 1 };

/** The luma of `pixels`, area-averaged down to at most `maxSide` on the long side. */
export function lumaPlaneOf(pixels: Pixels, maxSide = VARIANT_PLANE_MAX_SIDE): LumaPlane {
  channelsOf(pixels);
  const size = preResizeSize(pixels.width, pixels.height, maxSide);
  const small = size.width === pixels.width && size.height === pixels.height ? pixels : areaResize(pixels, size.width, size.height);
  const luma = new Float32Array(small.width * small.height);
  lumaFromPixels(small, luma);
  return { width: small.width, height: small.height, luma };
}

/** The pixels of `box` (rounded to whole pixels, at least 1 × 1), as a new plane. */
export function cropPlane(plane: LumaPlane, box: Box): LumaPlane {
  const x0 = Math.round(box.left * plane.width);
  const y0 = Math.round(box.top * plane.height);
  const x1 = Math.max(x0 + 1, Math.round(box.right * plane.width));
  const y1 = Math.max(y0 + 1, Math.round(box.bottom * plane.height));
  const width = x1 - x0;
  const height = y1 - y0;
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (y0 + y) * plane.width + x0;
    luma.set(plane.luma.subarray(from, from + width), y * width);
  }
  return { width, height, luma };
}

/**
 * The plane turned by `degrees` (positive: clockwise on screen) about its centre, same size,
 * corners outside the source black: what "rotate a little and keep the frame" editors produce.
 * Bilinear sampling.
 */
export function rotatePlane(plane: LumaPlane, degrees: number): LumaPlane {
  const { width, height, luma: src } = plane;
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    // Source coordinates move by (cos, −sin) per output pixel along a row: step them, no products.
    let sx = -cos * cx + sin * dy + cx;
    let sy = sin * cx + cos * dy + cy;
    for (let x = 0, o = y * width; x < width; x++, o++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue; // stays 0: black
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const upper = src[i]! + (src[i + 1]! - src[i]!) * fx;
      const lower = src[i + width]! + (src[i + width + 1]! - src[i + width]!) * fx;
      luma[o] = upper + (lower - upper) * fy;
    }
  }
  return { width, height, luma };
}

/** The plane mirrored left to right (a "flipped" re-post). */
export function mirrorPlane(plane: LumaPlane): LumaPlane {
  const { width, height, luma: src } = plane;
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) luma[row + x] = src[row + width - 1 - x]!;
  }
  return { width, height, luma };
}
