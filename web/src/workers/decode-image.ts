/**
 * File → RGBA pixels in a worker, by the same rules as the Node decoder (hash-core/src/node):
 * colours as stored (embedded ICC profiles ignored), EXIF orientation applied, alpha kept.
 * hash-core's preflight runs first, so the page refuses the same files as the CLI, in its words,
 * and a decompression bomb is refused from its header before Chromium's decoder sees it.
 */
import { PIXEL_LIMIT, preflight, tooManyPixelsMessage } from '@disrupt/hash-core';
import type { HashErrorCode } from './hash-protocol.js';

/** The CLI's default limit (100 megapixels, 400 MB of RGBA). */
export const MAX_PIXELS = PIXEL_LIMIT;

/**
 * What createImageBitmap decodes in the browsers we support, and the CLI reads too (so a BMP is
 * refused here as it is there). Not HEIC yet: a wasm decoder will add it.
 */
export const BROWSER_FORMATS: readonly string[] = ['jpeg', 'png', 'gif', 'webp', 'avif'];

export class DecodeFailure extends Error {
  override readonly name = 'DecodeFailure';
  constructor(
    readonly code: HashErrorCode,
    message: string,
    /** The sentence for the person, when it is more specific than the page's generic one. */
    readonly userMessage?: string,
  ) {
    super(message);
  }
}

export async function decodeImage(file: Blob, bytes: Uint8Array): Promise<ImageData> {
  const checked = preflight(bytes, { maxPixels: MAX_PIXELS, formats: BROWSER_FORMATS });
  if (!checked.ok) throw new DecodeFailure(checked.code, `preflight: ${checked.code}`, checked.message);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    throw new DecodeFailure('unreadable', `createImageBitmap: ${(error as Error).message}`);
  }
  try {
    const { width, height } = bitmap;
    // Formats whose header preflight does not read (WebP, AVIF) are checked once decoded.
    if (width * height > MAX_PIXELS) {
      throw new DecodeFailure('too-many-pixels', `${width}x${height} is over ${MAX_PIXELS} pixels`, tooManyPixelsMessage(width, height, MAX_PIXELS));
    }
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true });
    if (!context) throw new DecodeFailure('failed', 'no 2D context on OffscreenCanvas');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  } finally {
    bitmap.close();
  }
}
