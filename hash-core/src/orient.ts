/**
 * Turns stored pixels upright according to an EXIF orientation. Pure: no Node or DOM API.
 */
import type { Orientation } from './exif-orientation.js';
import { channelsOf, type Pixels } from './pixels.js';

export interface OrientedPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * Returns the pixels as they display with this orientation (RGB or RGBA kept as given). Width and
 * height swap for orientations 5–8. Orientation 1 returns the same bytes without copying.
 */
export function orient(pixels: Pixels, orientation: Orientation): OrientedPixels {
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    throw new RangeError(`EXIF orientation must be an integer from 1 to 8, got ${orientation}`);
  }
  const channels = channelsOf(pixels);
  const { width: w, height: h } = pixels;
  const src = pixels.data instanceof Uint8Array ? pixels.data : new Uint8Array(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length);
  if (orientation === 1) return { width: w, height: h, data: src };

  const swap = orientation >= 5;
  const outW = swap ? h : w;
  const out = new Uint8Array(src.length);
  // Where source pixel (x, y) lands in the output, as a pixel index; linear in x along a row.
  const target = targetOf(orientation, w, h, outW);

  if (channels === 4 && src.byteOffset % 4 === 0) {
    const from = new Uint32Array(src.buffer, src.byteOffset, w * h);
    const to = new Uint32Array(out.buffer);
    for (let y = 0, i = 0; y < h; y++) {
      let d = target(0, y);
      const step = target(1, y) - d;
      for (let x = 0; x < w; x++, i++, d += step) to[d] = from[i]!;
    }
  } else {
    for (let y = 0, i = 0; y < h; y++) {
      let d = target(0, y) * channels;
      const step = (target(1, y) - target(0, y)) * channels;
      for (let x = 0; x < w; x++, d += step) {
        for (let c = 0; c < channels; c++, i++) out[d + c] = src[i]!;
      }
    }
  }
  return { width: outW, height: swap ? w : h, data: out };
}

function targetOf(orientation: Orientation, w: number, h: number, outW: number): (x: number, y: number) => number {
  switch (orientation) {
    case 1: return (x, y) => y * outW + x;
    case 2: return (x, y) => y * outW + (w - 1 - x); // mirror left–right
    case 3: return (x, y) => (h - 1 - y) * outW + (w - 1 - x); // 180°
    case 4: return (x, y) => (h - 1 - y) * outW + x; // mirror top–bottom
    case 5: return (x, y) => x * outW + y; // transpose
    case 6: return (x, y) => x * outW + (h - 1 - y); // 90° clockwise
    case 7: return (x, y) => (w - 1 - x) * outW + (h - 1 - y); // transverse
    case 8: return (x, y) => (w - 1 - x) * outW + y; // 90° anticlockwise
  }
}
