/**
 * The fast path: libvips through sharp, loaded lazily so that a missing or broken native binary
 * never breaks this module (decode.ts then falls back to the pure-JS decoder).
 */
import { createRequire } from 'node:module';
import type { SharpConstructor } from 'sharp';
import { DecodeError } from '../format/decode-error.js';
import { checkPixelLimit } from '../format/pixel-limit.js';
import type { RawImage } from '../decode/raw-image.js';
import { truncatedMessage } from '../format/messages.js';
import { formatLabel } from '../format/sniff-format.js';
import { TRUNCATION_CHECKED } from '../format/truncation.js';

/**
 * What libvips reads here; anything else (SVG, BMP, PDF...) is refused before sharp sees it. HEIC
 * is listed for preflight but decoded with libheif's wasm build (decode.ts), never by sharp.
 */
export const SHARP_FORMATS: readonly string[] = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'heif'];

let loading: Promise<SharpConstructor> | undefined;
let probed: boolean | undefined;

/** Loads sharp once. Rejects (every time after) when it cannot be loaded. */
export function loadSharp(): Promise<SharpConstructor> {
  loading ??= import('sharp').then((module) => {
    const sharp = module.default;
    // libvips' operation cache would keep recently decoded images (intimate photos) in memory
    // after we are done with them, for no gain: each file is decoded once.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

/**
 * Whether sharp can be loaded, found synchronously (for defaultDecoder()) by requiring it once;
 * the native library is loaded by the first call, then cached by Node.
 */
export function sharpLoads(): boolean {
  if (probed === undefined) {
    try {
      createRequire(import.meta.url)('sharp');
      probed = true;
    } catch {
      probed = false;
    }
  }
  return probed;
}

export async function decodeWithSharp(bytes: Uint8Array, format: string, maxPixels: number): Promise<RawImage> {
  let sharp: SharpConstructor;
  try {
    sharp = await loadSharp();
  } catch (error) {
    throw new DecodeError('decoder-unavailable', `the sharp image decoder could not be loaded (${firstLine(error)}); use the built-in decoder instead`, { cause: error });
  }
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ignoreIcc: colours are hashed as stored, like Meta's reference tool, PIL-based hashers (HMA,
  // python-threatexchange) and our browser page (colorSpaceConversion: 'none'), so the same file
  // gives the same hash everywhere. CMYK and grey are still turned into RGB.
  const options = { failOn: 'warning', pages: 1, page: 0, ignoreIcc: true } as const;
  try {
    // The header alone: dimensions of the first page/frame, before any pixel is decoded.
    const meta = await sharp(input, { ...options, limitInputPixels: false }).metadata();
    checkPixelLimit(meta.width, meta.pageHeight ?? meta.height, maxPixels);
    const { data, info } = await sharp(input, { ...options, limitInputPixels: maxPixels, autoOrient: true })
      .toColourspace('srgb') // CMYK, grey, 16-bit → 8-bit RGB (embedded profiles ignored, see above)
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`expected 4 channels, got ${info.channels}`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    throw sharpError(error, format);
  }
}

function sharpError(error: unknown, format: string): DecodeError {
  const message = error instanceof Error ? error.message : String(error);
  const label = formatLabel(format);
  if (/compression format has not been built in|unsupported codec|no decoder/i.test(message)) {
    return new DecodeError('unsupported-format', `this ${label} image's compression cannot be decoded here: this build of the image library has no decoder for it. Convert it to JPEG first`, { cause: error });
  }
  if (/exceeds pixel limit/i.test(message)) {
    return new DecodeError('too-many-pixels', 'the image has more pixels than the limit allows', { cause: error });
  }
  // For JPEG, PNG, GIF and WebP, truncation was ruled out from the file's structure before
  // decoding: libjpeg's "premature end of data segment" there means damaged data, not a cut.
  if (!TRUNCATION_CHECKED.has(format) && /premature end|truncated|unexpected end|end of (file|data|stream)|out of data/i.test(message)) {
    return new DecodeError('truncated', truncatedMessage(format), { cause: error });
  }
  return new DecodeError('corrupt', `the ${label} file is damaged: its image data could not be decoded`, { cause: error });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
