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

/** Whole-pixel bounds of `box` in a `width × height` image (at least 1 × 1). */
function pixelBounds(box: Box, width: number, height: number) {
  const x0 = Math.round(box.left * width);
  const y0 = Math.round(box.top * height);
  const x1 = Math.max(x0 + 1, Math.round(box.right * width));
  const y1 = Math.max(y0 + 1, Math.round(box.bottom * height));
  return { x0, y0, width: x1 - x0, height: y1 - y0 };
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
