/**
 * The pixel limit in Node: its default and the environment variable that changes it. It is checked
 * against the dimensions in a file's header before any pixel is decoded (format/preflight.ts, then
 * each decoder through format/pixel-limit.ts), so a decompression bomb is refused at once.
 */
import { PIXEL_LIMIT } from '../format/messages.js';

const MAX_PIXELS_ENV = 'DISRUPT_MAX_PIXELS';

/**
 * 100 megapixels unless `DISRUPT_MAX_PIXELS` says otherwise (read once, at import).
 *
 * Why 100 MP: the default modes of phones and cameras stay under ~50 MP, and the largest common
 * sensor outputs (45–61 MP full-frame, 100 MP medium format) still fit. Decoded RGBA costs 4 bytes a
 * pixel, so one decode stays around 400 MB (the pure-JS JPEG decoder needs a few times more),
 * which two concurrent decodes on a small server can afford. Phones' optional 108 MP and 200 MP
 * modes are refused: raise the limit with the environment variable where that matters.
 */
export const DEFAULT_MAX_PIXELS: number = maxPixelsFromEnv() ?? PIXEL_LIMIT;

function maxPixelsFromEnv(): number | undefined {
  const raw = process.env[MAX_PIXELS_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${MAX_PIXELS_ENV} must be a positive whole number of pixels, got '${raw}'`);
  }
  return value;
}

export function resolveMaxPixels(maxPixels: number | undefined): number {
  if (maxPixels === undefined) return DEFAULT_MAX_PIXELS;
  if (!Number.isSafeInteger(maxPixels) || maxPixels <= 0) {
    throw new RangeError(`maxPixels must be a positive whole number, got ${maxPixels}`);
  }
  return maxPixels;
}
