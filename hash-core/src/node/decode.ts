/**
 * Node's image decoding entry: sniff the format from the bytes, refuse what is not a supported
 * still image (with a reason a person can act on), refuse truncated files and oversized images
 * before decoding, then decode with sharp or the pure-JS fallback to upright RGBA pixels (HEIC and
 * CMYK JPEGs with the browser page's own decoders, see decode/portable.ts).
 * Nothing but pixels comes back: no EXIF, no profile, no file name.
 */
import { decodeUprightJpeg } from '../decode/jpeg.js';
import { portableDecoderFor } from '../decode/portable.js';
import type { RawImage } from '../decode/raw-image.js';
import { DecodeError } from '../format/decode-error.js';
import { preflight } from '../format/preflight.js';
import { decodeWithFallback } from './decode-fallback.js';
import { decodeHeifInNode } from './decode-heif.js';
import { decodeWithSharp, SHARP_FORMATS, sharpLoads } from './decode-sharp.js';
import { resolveMaxPixels } from './limits.js';

// Also reachable from here, for callers inside node/ that import everything decoding-related at once.
export { DecodeError } from '../format/decode-error.js';
export type { DecodeErrorCode } from '../format/decode-error.js';

export type DecoderName = 'sharp' | 'fallback';

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, rows top to bottom, sRGB, EXIF orientation applied. */
  data: Uint8Array;
  /** 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heif' */
  format: string;
}

export interface DecodeOptions {
  /** Default: defaultDecoder(). */
  decoder?: DecoderName;
  /** Default: DEFAULT_MAX_PIXELS. Checked against the header before decoding. */
  maxPixels?: number;
}

const DECODER_ENV = 'DISRUPT_DECODER';

/**
 * `DISRUPT_DECODER=sharp|fallback` when set; otherwise sharp, or the fallback when sharp cannot be
 * loaded on this machine.
 */
export function defaultDecoder(): DecoderName {
  const forced = process.env[DECODER_ENV]?.trim();
  if (forced) {
    if (forced === 'sharp' || forced === 'fallback') return forced;
    throw new RangeError(`${DECODER_ENV} must be 'sharp' or 'fallback', got '${forced}'`);
  }
  return sharpLoads() ? 'sharp' : 'fallback';
}

export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('decodeImage expects the file as a Uint8Array (a Buffer is one)');
  const maxPixels = resolveMaxPixels(options.maxPixels);
  const decoder = options.decoder ?? defaultDecoder();
  if (decoder !== 'sharp' && decoder !== 'fallback') throw new RangeError(`decoder must be 'sharp' or 'fallback', got '${String(decoder)}'`);

  // The same checks, in the same words, as the browser worker (hash-core/src/format/preflight.ts).
  const checked = preflight(bytes, { maxPixels, formats: SHARP_FORMATS });
  if (!checked.ok) throw new DecodeError(checked.code, checked.message);
  const { format } = checked;
  const raw = decodeAsThePageDoes(bytes, format, maxPixels) ?? (decoder === 'sharp'
    ? await decodeWithSharp(bytes, format, maxPixels)
    : await decodeWithFallback(bytes, format, maxPixels));
  return { width: raw.width, height: raw.height, data: raw.data, format };
}

/** HEIC and CMYK JPEGs: the browser worker's own decoders, whichever decoder is chosen here. */
function decodeAsThePageDoes(bytes: Uint8Array, format: string, maxPixels: number): RawImage | undefined {
  switch (portableDecoderFor(bytes, format)) {
    case 'heif': return decodeHeifInNode(bytes, maxPixels);
    case 'cmyk-jpeg': return decodeUprightJpeg(bytes, maxPixels);
    default: return undefined;
  }
}
