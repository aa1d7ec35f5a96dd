/**
 * The pure-JS decoder: JPEG, PNG and GIF, colours as stored (profiles ignored, as with sharp) and
 * EXIF orientation applied, so its pixels agree with sharp's. Slower than sharp and limited in
 * formats, but it needs no native binary. (HEIC and CMYK JPEGs never get here: decode.ts sends
 * them to the decoders the browser page uses too, whichever decoder is chosen.)
 */
import { decodeUprightJpeg } from '../decode/jpeg.js';
import type { RawImage } from '../decode/raw-image.js';
import { readExifOrientation } from '../exif-orientation.js';
import { DecodeError } from '../format/decode-error.js';
import { formatLabel } from '../format/sniff-format.js';
import { orient } from '../orient.js';
import { decodeGif } from './fallback-gif.js';
import { decodePng } from './fallback-png.js';

export async function decodeWithFallback(bytes: Uint8Array, format: string, maxPixels: number): Promise<RawImage> {
  if (format === 'gif') return decodeGif(bytes, maxPixels); // GIF has neither profile nor orientation
  if (format !== 'jpeg' && format !== 'png') {
    throw new DecodeError(
      'unsupported-format',
      `${formatLabel(format)} images need the sharp decoder, which is not in use here (the built-in decoders read JPEG, PNG, GIF and HEIC)`,
    );
  }
  if (format === 'jpeg') return decodeUprightJpeg(bytes, maxPixels);
  return orient(await decodePng(bytes, maxPixels), readExifOrientation(bytes));
}
