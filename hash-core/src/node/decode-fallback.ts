/**
 * The pure-JS decoder: JPEG, PNG and GIF, with the colour profile converted to sRGB (matrix/TRC
 * profiles) and EXIF orientation applied, so its pixels agree with sharp's. Slower than sharp and
 * limited in formats, but it needs no native binary.
 */
import { readExifOrientation } from '../exif-orientation.js';
import { orient } from '../orient.js';
import { DecodeError } from '../format/decode-error.js';
import { decodeGif } from './fallback-gif.js';
import { decodeJpeg } from './fallback-jpeg.js';
import { decodePng } from './fallback-png.js';
import type { RawImage } from './raw-image.js';
import { formatLabel } from '../format/sniff-format.js';

export const FALLBACK_FORMATS: readonly string[] = ['jpeg', 'png', 'gif'];

export async function decodeWithFallback(bytes: Uint8Array, format: string, maxPixels: number): Promise<RawImage> {
  if (format === 'gif') return decodeGif(bytes, maxPixels); // GIF has neither profile nor orientation
  if (format !== 'jpeg' && format !== 'png') {
    throw new DecodeError(
      'unsupported-format',
      `${formatLabel(format)} images need the sharp decoder, which is not in use here (the built-in decoder reads JPEG, PNG and GIF)`,
    );
  }
  const raw = format === 'jpeg' ? decodeJpeg(bytes, maxPixels) : await decodePng(bytes, maxPixels);
  return orient(raw, readExifOrientation(bytes));
}
