/**
 * The sentences a person reads when a file cannot be fingerprinted, built in one place so the CLI,
 * the server and the browser page say the same thing in the same words. Plain and specific, and
 * free of file names or metadata.
 */
import { formatLabel } from './sniff-format.js';

/** The default pixel limit: 100 megapixels (node/limits.ts explains why; DISRUPT_MAX_PIXELS overrides it in Node). */
export const PIXEL_LIMIT = 100_000_000;

export function emptyFileMessage(): string {
  return 'the file is empty (0 bytes)';
}

/** `format` is the sniffed non-image format (PDF, say) when it has a name. */
export function notAnImageMessage(format?: string): string {
  return format
    ? `this is a ${formatLabel(format)} file, not an image`
    : 'this file is not an image: it does not start like a JPEG, PNG, GIF, WebP, TIFF, AVIF or HEIC file';
}

export function videoMessage(format: string): string {
  return `this looks like a video (${formatLabel(format)}); videos are not supported yet`;
}

/** An image format the decoder in use cannot read. HEIC gets its own words: it is the iPhone default. */
export function unsupportedFormatMessage(format: string): string {
  if (format === 'heif') return 'HEIC photos (the iPhone default format) cannot be read here yet; convert the photo to JPEG first';
  return `${formatLabel(format)} images are not supported; convert it to JPEG or PNG first`;
}

/** A 4-channel JPEG without the Adobe marker that says how its CMYK is stored: decoders disagree on its colours. */
export function unmarkedCmykJpegMessage(): string {
  return 'this JPEG stores CMYK colours without saying how (it has no Adobe marker), so they cannot be read reliably here; convert it to an RGB JPEG first';
}

export function truncatedMessage(format: string): string {
  return `the ${formatLabel(format)} file is incomplete: it ends before the image does (it may have been cut off while downloading or copying)`;
}

export function tooManyPixelsMessage(width: number, height: number, maxPixels: number): string {
  return `the image is ${width}×${height} = ${megapixels(width * height)} megapixels, over the limit of ${megapixels(maxPixels)} megapixels`;
}

function megapixels(pixels: number): string {
  const mp = pixels / 1e6;
  if (mp >= 10) return String(Math.round(mp));
  return String(Number(mp.toPrecision(2)));
}
