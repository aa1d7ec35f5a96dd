/**
 * JPEG through jpeg-js (pure JS). Only the bytes-to-pixels step: decode-fallback.ts applies the
 * colour profile and orientation. Baseline, extended and progressive Huffman JPEGs are supported;
 * arithmetic-coded and lossless ones need sharp.
 */
import jpeg from 'jpeg-js';
import { DecodeError } from '../format/decode-error.js';
import { jpegHeader } from '../format/header-size.js';
import { checkPixelLimit } from './limits.js';
import type { RawImage } from './raw-image.js';

/** jpeg-js peaks near 22 bytes a pixel (4:4:4: Int32 coefficients, planes, RGBA out). */
const JPEG_JS_BYTES_PER_PIXEL = 24;
const SUPPORTED_SOF = new Set([0xc0, 0xc1, 0xc2]);

export function decodeJpeg(bytes: Uint8Array, maxPixels: number): RawImage {
  const header = jpegHeader(bytes);
  if (header === undefined) throw new DecodeError('corrupt', 'the JPEG file is damaged: its header has no image size');
  checkPixelLimit(header.width, header.height, maxPixels);
  if (header.width === 0 || header.height === 0) {
    throw new DecodeError('corrupt', `the JPEG file is damaged: it says the image is ${header.width}×${header.height} pixels`);
  }
  if (!SUPPORTED_SOF.has(header.sof)) {
    throw new DecodeError('unsupported-format', 'this JPEG uses lossless or arithmetic coding, which only the sharp decoder reads');
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false, // damaged data is an error, not grey blocks
      maxResolutionInMP: (maxPixels + 1) / 1e6, // a backstop only: +1 so float rounding never refuses an image exactly at the limit
      maxMemoryUsageInMB: Math.ceil((maxPixels * JPEG_JS_BYTES_PER_PIXEL) / 2 ** 20) + 16,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/Unsupported color mode/.test(message)) {
      throw new DecodeError('unsupported-format', 'this JPEG uses a colour layout (CMYK without an Adobe marker, or 2 channels) that only the sharp decoder reads', { cause: error });
    }
    throw new DecodeError('corrupt', 'the JPEG file is damaged: its image data could not be decoded', { cause: error });
  }
  return decoded;
}
