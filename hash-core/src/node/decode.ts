/**
 * Node's image decoding entry: sniff the format from the bytes, refuse what is not a supported
 * still image (with a reason a person can act on), refuse truncated files and oversized images
 * before decoding, then decode with sharp or the pure-JS fallback to upright sRGB RGBA pixels.
 * Nothing but pixels comes back: no EXIF, no profile, no file name.
 */
import { DecodeError } from './decode-error.js';
import { decodeWithFallback } from './decode-fallback.js';
import { decodeWithSharp, SHARP_FORMATS, sharpLoads } from './decode-sharp.js';
import { resolveMaxPixels } from './limits.js';
import { formatLabel, sniffFormat } from './sniff-format.js';
import { isTruncated } from './truncation.js';

// Also reachable from here, for callers inside node/ that import everything decoding-related at once.
export { DecodeError } from './decode-error.js';
export type { DecodeErrorCode } from './decode-error.js';
export { sniffFormat } from './sniff-format.js';

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

  const format = imageFormatOf(bytes);
  if (isTruncated(bytes, format)) {
    throw new DecodeError('truncated', `the ${formatLabel(format)} file is incomplete: it ends before the image does (it may have been cut off while downloading or copying)`);
  }
  const raw = decoder === 'sharp'
    ? await decodeWithSharp(bytes, format, maxPixels)
    : await decodeWithFallback(bytes, format, maxPixels);
  return { width: raw.width, height: raw.height, data: raw.data, format };
}

/** The still-image format of the file, or the reason it cannot be one. */
function imageFormatOf(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new DecodeError('empty', 'the file is empty (0 bytes)');
  const { kind, format } = sniffFormat(bytes);
  if (kind === 'video') {
    throw new DecodeError('video', `this looks like a video (${formatLabel(format!)}); videos are not supported yet`);
  }
  if (kind === 'unknown') {
    throw new DecodeError('not-an-image', format
      ? `this is a ${formatLabel(format)} file, not an image`
      : 'this file is not an image: it does not start like a JPEG, PNG, GIF, WebP, TIFF, AVIF or HEIC file');
  }
  if (!SHARP_FORMATS.includes(format!)) {
    throw new DecodeError('unsupported-format', `${formatLabel(format!)} images are not supported; convert it to JPEG or PNG first`);
  }
  return format!;
}
