/**
 * JPEG through jpeg-js's decoder (pure JS, no Node API when asked for typed arrays), so the CLI's
 * fallback and the browser worker can share it. Baseline, extended and progressive Huffman JPEGs;
 * arithmetic-coded and lossless ones need sharp. decodeJpeg gives the stored pixels;
 * decodeUprightJpeg also applies the EXIF orientation.
 *
 * CMYK and YCCK (Adobe) JPEGs become RGB by the plain formula R = (255 − C)(255 − K)/255 (and so
 * on), on Adobe's inverted samples: the conversion Pillow makes, and so python-threatexchange and
 * Meta's reference hashes (exact on Meta's CMYK sample). Colour-managed decoders (sharp, with its
 * default CMYK profile) and browsers (some of which invert these files) disagree with it and with
 * each other, so the page and the CLI both decode CMYK here.
 */
import decodeWithJpegJs from 'jpeg-js/lib/decoder.js';
import { readExifOrientation } from '../exif-orientation.js';
import { DecodeError } from '../format/decode-error.js';
import { jpegHeader } from '../format/header-size.js';
import { checkPixelLimit } from '../format/pixel-limit.js';
import { orient } from '../orient.js';
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
    decoded = decodeWithJpegJs(bytes, {
      useTArray: true, // Uint8Array, not Node's Buffer
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
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

/** decodeJpeg, then the EXIF orientation applied (as sharp's autoOrient and the browser do). */
export function decodeUprightJpeg(bytes: Uint8Array, maxPixels: number): RawImage {
  return orient(decodeJpeg(bytes, maxPixels), readExifOrientation(bytes));
}
