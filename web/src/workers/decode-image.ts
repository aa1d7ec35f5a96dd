/**
 * File → RGBA pixels in a worker, by the same rules as the Node decoder (hash-core/src/node):
 * colours as stored (embedded ICC profiles ignored), EXIF orientation applied, alpha kept.
 */
import type { HashErrorCode } from './hash-protocol.js';

/** The CLI's default limit (hash-core/src/node/limits.ts): 100 megapixels, 400 MB of RGBA. */
export const MAX_PIXELS = 100_000_000;

export class DecodeFailure extends Error {
  override readonly name = 'DecodeFailure';
  constructor(
    readonly code: HashErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export async function decodeImage(file: Blob): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    throw new DecodeFailure('unreadable', `createImageBitmap: ${(error as Error).message}`);
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_PIXELS) throw new DecodeFailure('too-large', `${width}x${height} is over ${MAX_PIXELS} pixels`);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true });
    if (!context) throw new DecodeFailure('failed', 'no 2D context on OffscreenCanvas');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  } finally {
    bitmap.close();
  }
}
