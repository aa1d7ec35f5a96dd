/**
 * The pixel limit as decoders apply it, once they know an image's size and before they allocate
 * its pixels. Pure, so the browser worker's decoders refuse with the CLI's words.
 */
import { DecodeError } from './decode-error.js';
import { tooManyPixelsMessage } from './messages.js';

/** Throws 'too-many-pixels' when width × height is over the limit. */
export function checkPixelLimit(width: number, height: number, maxPixels: number): void {
  if (width * height <= maxPixels) return;
  throw new DecodeError('too-many-pixels', tooManyPixelsMessage(width, height, maxPixels));
}
