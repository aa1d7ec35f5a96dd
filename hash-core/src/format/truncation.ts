/**
 * Is the file cut short? Decided from the container structure alone, the same way whichever decoder
 * runs, so a file cut during a download is reported as such (and never decoded to a half-grey image).
 * Damaged-but-complete files are not this module's concern: they fail in the decoder as 'corrupt'.
 */
import { isobmffTruncated } from './isobmff.js';

/** The formats whose truncation this module decides; for others the decoder's error tells. */
export const TRUNCATION_CHECKED: ReadonlySet<string> = new Set(['jpeg', 'png', 'gif', 'webp', 'avif', 'heif']);

export function isTruncated(bytes: Uint8Array, format: string): boolean {
  switch (format) {
    case 'jpeg': return jpegTruncated(bytes);
    case 'png': return pngTruncated(bytes);
    case 'gif': return gifTruncated(bytes);
    case 'webp': return webpTruncated(bytes);
    case 'avif':
    case 'heif': return isobmffTruncated(bytes);
    default: return false;
  }
}

/**
 * Walks the header segments to the first scan, then looks for the end-of-image marker: inside
 * entropy-coded data 0xFF is always followed by 0x00 or a marker, so FF D9 there is the real end.
 * Bytes after the end (a phone's appended motion-photo video, say) are allowed.
 */
function jpegTruncated(b: Uint8Array): boolean {
  let at = 2;
  for (;;) {
    if (at + 4 > b.length) return true;
    if (b[at] !== 0xff) return false; // not a marker where one must be: damaged, not cut
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0xd9) return false;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    const end = at + 2 + ((b[at + 2]! << 8) | b[at + 3]!);
    if (end > b.length) return true;
    if (marker === 0xda) return !hasEndMarker(b, end);
    at = end;
  }
}

function hasEndMarker(b: Uint8Array, from: number): boolean {
  for (let i = b.indexOf(0xff, from); i !== -1 && i + 1 < b.length; i = b.indexOf(0xff, i + 1)) {
    if (b[i + 1] === 0xd9) return true;
  }
  return false;
}

/** Chunks must follow each other to IEND; a chunk running past the end means the file was cut. */
function pngTruncated(b: Uint8Array): boolean {
  let at = 8;
  for (;;) {
    if (at + 12 > b.length) return true;
    const length = b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type)) return false; // garbage, not a cut
    if (at + 12 + length > b.length) return true;
    if (type === 'IEND') return false;
    at += 12 + length;
  }
}

/** The first frame's data sub-blocks must all be present (the trailer after it is not needed). */
function gifTruncated(b: Uint8Array): boolean {
  const flags = b[10] ?? 0;
  let at = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
  const skipSubBlocks = (from: number): number => {
    let p = from;
    while (p < b.length && b[p] !== 0) p += b[p]! + 1;
    return p < b.length ? p + 1 : -1;
  };
  for (;;) {
    if (at >= b.length) return true;
    const block = b[at]!;
    if (block === 0x3b) return false; // trailer before any frame: nothing was cut
    if (block === 0x21) {
      at = skipSubBlocks(at + 2);
    } else if (block === 0x2c) {
      if (at + 10 > b.length) return true;
      const local = b[at + 9]!;
      const dataStart = at + 10 + (local & 0x80 ? 3 << ((local & 7) + 1) : 0) + 1; // + LZW code size
      return dataStart > b.length || skipSubBlocks(dataStart) === -1;
    } else {
      return false; // unknown block: damaged, not cut
    }
    if (at === -1) return true;
  }
}

/** The RIFF header says how long the file is. */
function webpTruncated(b: Uint8Array): boolean {
  if (b.length < 12) return true;
  const riffSize = b[4]! + (b[5]! << 8) + (b[6]! << 16) + b[7]! * 0x1000000;
  return b.length < riffSize + 8;
}
