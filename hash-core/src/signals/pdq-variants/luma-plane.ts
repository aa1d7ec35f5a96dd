/**
 * A small luminance image, the working surface of the PDQ variants: every crop, trim and tilt is
 * hashed from one copy of the photo, ≤ 640 px as it is, else averaged down to 512. PDQ reduces any
 * input to 64 × 64, so hashing a variant from 512 px instead of 2048 moves it by a few bits at
 * most, and costs 16× less.
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

/** The central `keep` of each side: the same share cut from every edge. */
export function centredBox(keep: number): Box {
  const margin = (1 - keep) / 2;
  return { left: margin, top: margin, right: 1 - margin, bottom: 1 - margin };
}

export const sameBox = (a: Box, b: Box) => a.left === b.left && a.top === b.top && a.right === b.right && a.bottom === b.bottom;
export const isWhole = (box: Box) => sameBox(box, WHOLE);

/** The luma of `pixels`, area-averaged down to at most `maxSide` on the long side. */
export function lumaPlaneOf(pixels: Pixels, maxSide = VARIANT_PLANE_MAX_SIDE): LumaPlane {
  channelsOf(pixels);
  const size = preResizeSize(pixels.width, pixels.height, maxSide);
  const small = size.width === pixels.width && size.height === pixels.height ? pixels : areaResize(pixels, size.width, size.height);
  const luma = new Float32Array(small.width * small.height);
  lumaFromPixels(small, luma);
  return { width: small.width, height: small.height, luma };
}

/**
 * The plane averaged over step × step bins (cut at the right and bottom edges), the step the
 * smallest that brings the long side to `maxSide` or under; the plane itself when it is small.
 */
export function binnedPlane(plane: LumaPlane, maxSide: number): LumaPlane {
  const step = Math.ceil(Math.max(plane.width, plane.height) / maxSide);
  if (step <= 1) return plane;
  const width = Math.ceil(plane.width / step);
  const height = Math.ceil(plane.height / step);
  const luma = new Float32Array(width * height);
  const sums = new Float64Array(width);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    const y1 = Math.min(plane.height, (y + 1) * step);
    for (let py = y * step; py < y1; py++) {
      let i = py * plane.width;
      for (let x = 0, px = 0; x < width; x++) {
        let sum = 0;
        for (const end = Math.min(plane.width, px + step); px < end; px++, i++) sum += plane.luma[i]!;
        sums[x] += sum;
      }
    }
    const rows = y1 - y * step;
    for (let x = 0; x < width; x++) luma[y * width + x] = sums[x]! / (rows * (Math.min(plane.width, (x + 1) * step) - x * step));
  }
  return { width, height, luma };
}

/** Whole-pixel bounds of `box` in a `width × height` image (at least 1 × 1). */
export function pixelBounds(box: Box, width: number, height: number) {
  const x0 = Math.round(box.left * width);
  const y0 = Math.round(box.top * height);
  const x1 = Math.max(x0 + 1, Math.round(box.right * width));
  const y1 = Math.max(y0 + 1, Math.round(box.bottom * height));
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
}

/** The luma of `box` (rounded to whole pixels as `cropPixels` does), as a new plane. */
export function cropPlane(plane: LumaPlane, box: Box): LumaPlane {
  const { x0, y0, width, height } = pixelBounds(box, plane.width, plane.height);
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (y0 + y) * plane.width + x0;
    luma.set(plane.luma.subarray(from, from + width), y * width);
  }
  return { width, height, luma };
}

/** The pixels of `box` (rounded to whole pixels), as new pixels of the same channels. */
export function cropPixels(pixels: Pixels, box: Box): Pixels {
  const channels = channelsOf(pixels);
  const { x0, y0, width, height } = pixelBounds(box, pixels.width, pixels.height);
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * pixels.width + x0) * channels;
    data.set(pixels.data.subarray(from, from + width * channels), y * width * channels);
  }
  return { width, height, data };
}
