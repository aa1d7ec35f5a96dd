/**
 * What can be decided about a file from its bytes, before any decoder sees it: empty, not an
 * image, a video, a format the decoder cannot read, cut short, or over the pixel limit (from the
 * header, so a decompression bomb never reaches a decoder). Node's decodeImage and the browser
 * worker both run it first, so they refuse the same files with the same messages.
 */
import type { DecodeErrorCode } from './decode-error.js';
import { headerSize } from './header-size.js';
import { emptyFileMessage, notAnImageMessage, tooManyPixelsMessage, truncatedMessage, unsupportedFormatMessage, videoMessage } from './messages.js';
import { sniffFormat } from './sniff-format.js';
import { isTruncated } from './truncation.js';

export interface PreflightOptions {
  /** Refuse images whose header says they have more pixels than this. */
  maxPixels: number;
  /** The image formats the caller's decoder reads (sniffFormat's names); others are refused. */
  formats: readonly string[];
}

export type PreflightResult =
  /** width and height when the header tells them (JPEG, PNG, GIF, WebP, AVIF, HEIC); the decoder checks the rest. */
  | { ok: true; format: string; width?: number; height?: number }
  | { ok: false; code: DecodeErrorCode; message: string; format?: string };

export function preflight(bytes: Uint8Array, options: PreflightOptions): PreflightResult {
  if (bytes.length === 0) return refuse('empty', emptyFileMessage());
  const { kind, format } = sniffFormat(bytes);
  if (kind === 'video') return refuse('video', videoMessage(format!), format);
  if (kind === 'unknown') return refuse('not-an-image', notAnImageMessage(format), format);
  if (!options.formats.includes(format!)) return refuse('unsupported-format', unsupportedFormatMessage(format!), format);
  if (isTruncated(bytes, format!)) return refuse('truncated', truncatedMessage(format!), format);
  const size = headerSize(bytes, format!);
  if (size === undefined) return { ok: true, format: format! };
  const { width, height } = size;
  if (width * height > options.maxPixels) return refuse('too-many-pixels', tooManyPixelsMessage(width, height, options.maxPixels), format);
  return { ok: true, format: format!, width, height };
}

function refuse(code: DecodeErrorCode, message: string, format?: string): PreflightResult {
  return format === undefined ? { ok: false, code, message } : { ok: false, code, message, format };
}
