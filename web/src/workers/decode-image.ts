/**
 * File → RGBA pixels in a worker, by the same rules as the Node decoder (hash-core/src/node):
 * colours as stored (embedded ICC profiles ignored), EXIF orientation applied, alpha kept.
 * hash-core's preflight runs first, so the page refuses the same files as the CLI, in its words,
 * and a decompression bomb is refused from its header before any decoder sees it. HEIC and CMYK
 * JPEGs are decoded with the CLI's own code (hash-core/src/decode), loaded only when needed.
 */
import { DecodeError, jpegHeader, PIXEL_LIMIT, portableDecoderFor, preflight, tooManyPixelsMessage, unmarkedCmykJpegMessage, type Pixels, type PortableDecoder } from '@disrupt/hash-core';
import type { HashErrorCode } from './hash-protocol.js';

/** The CLI's default limit (100 megapixels, 400 MB of RGBA). */
export const MAX_PIXELS = PIXEL_LIMIT;

/**
 * What this worker decodes, and the CLI too (so a BMP is refused here as it is there): HEIC with
 * libheif's WebAssembly build, the others with createImageBitmap.
 */
export const BROWSER_FORMATS: readonly string[] = ['jpeg', 'png', 'gif', 'webp', 'avif', 'heif'];

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

export async function decodeImage(file: Blob, bytes: Uint8Array): Promise<Pixels> {
  const checked = preflight(bytes, { maxPixels: MAX_PIXELS, formats: BROWSER_FORMATS });
  if (!checked.ok) throw new DecodeFailure(checked.code, `preflight: ${checked.code}`, checked.message);
  const portable = portableDecoderFor(bytes, checked.format);
  if (portable !== undefined) return decodePortable(portable, bytes);
  if (checked.format === 'jpeg' && jpegHeader(bytes)?.components === 4) {
    throw new DecodeFailure('unsupported-format', 'CMYK JPEG without an Adobe marker', unmarkedCmykJpegMessage());
  }
  return decodeWithBrowser(file);
}

async function decodeWithBrowser(file: Blob): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  } catch (error) {
    throw new DecodeFailure('unreadable', `createImageBitmap: ${(error as Error).message}`);
  }
  try {
    const { width, height } = bitmap;
    // A safety net: preflight read the size from the header already.
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

/** Each decoder is a separate chunk (libheif's with its wasm file), fetched on its first use only. */
async function decodePortable(decoder: PortableDecoder, bytes: Uint8Array): Promise<Pixels> {
  let decode: (bytes: Uint8Array, maxPixels: number) => Pixels | Promise<Pixels>;
  try {
    decode = decoder === 'heif' ? (await import('./decode-heif.js')).decodeHeic : (await import('./decode-cmyk-jpeg.js')).decodeCmykJpeg;
  } catch (error) {
    throw new DecodeFailure('failed', `loading the ${decoder} decoder: ${(error as Error).message}`);
  }
  try {
    return await decode(bytes, MAX_PIXELS);
  } catch (error) {
    if (error instanceof DecodeError) throw new DecodeFailure(error.code, `${decoder}: ${error.code}`, error.message);
    throw error;
  }
}
