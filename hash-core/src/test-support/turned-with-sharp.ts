/**
 * A photo turned by a few degrees with sharp (libvips), the two ways people do it: kept in its
 * frame with filled corners (a rotate tool), or straightened as a phone's editor does (cut to the
 * largest upright rectangle of its shape that holds no corner). One implementation for the tests
 * and eval:images' own variants, so that both turn photos alike.
 */
import type { Sharp } from 'sharp';
import { largestUprightKeep } from '../signals/pdq-variants/turned-crop.js';

type SharpModule = typeof import('sharp').default;

async function sharpModule(): Promise<SharpModule> {
  return (await import('sharp')).default;
}

/** `bytes` turned `degrees` clockwise on a canvas grown to hold it, kept lossless for the cut that follows. */
async function turnedWhole(sharp: SharpModule, bytes: Uint8Array, degrees: number, background: string) {
  const { width, height } = (await sharp(bytes).metadata()) as { width: number; height: number };
  const turned = await sharp(bytes).rotate(degrees, { background }).png({ compressionLevel: 1 }).toBuffer();
  const grown = (await sharp(turned).metadata()) as { width: number; height: number };
  return { width, height, turned, grown };
}

/**
 * `bytes` turned `degrees` clockwise (negative: counter-clockwise) and cut back to its own size
 * around the centre: the corners take `background`. Returns the pipeline to encode as wanted.
 */
export async function turnedInFrame(bytes: Uint8Array, degrees: number, background = '#000000'): Promise<Sharp> {
  const sharp = await sharpModule();
  const { width, height, turned, grown } = await turnedWhole(sharp, bytes, degrees, background);
  return sharp(turned).extract({ left: Math.floor((grown.width - width) / 2), top: Math.floor((grown.height - height) / 2), width, height });
}

/**
 * `bytes` straightened: turned `degrees` clockwise, then cut to the largest upright rectangle of
 * its own shape that holds no corner (no wedge left to find the angle by).
 */
export async function straightenedCut(bytes: Uint8Array, degrees: number): Promise<Sharp> {
  const sharp = await sharpModule();
  const { width, height, turned, grown } = await turnedWhole(sharp, bytes, degrees, '#000000');
  const keep = largestUprightKeep(degrees, width, height);
  const [w, h] = [Math.floor(width * keep), Math.floor(height * keep)];
  return sharp(turned).extract({ left: Math.round((grown.width - w) / 2), top: Math.round((grown.height - h) / 2), width: w, height: h });
}
