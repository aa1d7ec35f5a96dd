/**
 * A video frame through the photos' pre-resize policy (long side > 2048 px averaged down, see
 * resize.ts), so a 4K frame is hashed like a 4K photo. The resized copy is kept between frames:
 * a video hashes thousands of frames of one size.
 */
import type { Pixels } from '../pixels.js';
import { areaResize, preResizeSize, PRE_RESIZE_MAX_SIDE } from '../resize.js';

let scratch = new Uint8Array(0);

export function preResizedFrame(pixels: Pixels): Pixels {
  if (Math.max(pixels.width, pixels.height) <= PRE_RESIZE_MAX_SIDE) return pixels;
  const { width, height } = preResizeSize(pixels.width, pixels.height);
  if (scratch.length !== width * height * 3) scratch = new Uint8Array(width * height * 3);
  return areaResize(pixels, width, height, { channels: 3, into: scratch });
}

/** Frees the resized copy kept between frames. */
export function releaseFrameScratch(): void {
  scratch = new Uint8Array(0);
}
