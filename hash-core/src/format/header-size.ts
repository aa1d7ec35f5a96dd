/**
 * Image dimensions read from the header alone (JPEG, PNG, GIF, WebP, AVIF, HEIC), so an oversized
 * image is refused before anything is allocated for it: by preflight() (Node and browser) and the
 * pure-JS decoders.
 */
import { isobmffPrimarySize } from './isobmff.js';

export interface HeaderSize {
  width: number;
  height: number;
}

export interface JpegHeader extends HeaderSize {
  /** The start-of-frame marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others rarer. */
  sof: number;
  /** 1 grey, 3 YCbCr (or RGB), 4 CMYK or YCCK. */
  components: number;
  /** The Adobe APP14 segment's colour transform (0 none: RGB/CMYK, 1 YCbCr, 2 YCCK), when it has one. */
  adobeTransform?: number;
}

export interface GifHeader extends HeaderSize {
  /** The first frame's rectangle on the logical screen. */
  frame: { left: number; top: number; width: number; height: number };
}

/** The first start-of-frame segment, or undefined when the header ends first. */
export function jpegHeader(b: Uint8Array): JpegHeader | undefined {
  let at = 2;
  let adobeTransform: number | undefined;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (at + 10 > b.length) return undefined;
      const header: JpegHeader = { sof: marker, height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]!, components: b[at + 9]! };
      if (adobeTransform !== undefined) header.adobeTransform = adobeTransform;
      return header;
    }
    if (marker === 0xee && length >= 14 && at + 16 <= b.length && String.fromCharCode(...b.subarray(at + 4, at + 9)) === 'Adobe') {
      adobeTransform = b[at + 15]!;
    }
    at += 2 + length;
  }
  return undefined;
}

/** IHDR, which must be the first chunk. */
export function pngHeader(b: Uint8Array): HeaderSize | undefined {
  if (b.length < 24 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** The logical screen and the first image descriptor. */
export function gifHeader(b: Uint8Array): GifHeader | undefined {
  if (b.length < 13) return undefined;
  const width = b[6]! | (b[7]! << 8);
  const height = b[8]! | (b[9]! << 8);
  const flags = b[10]!;
  let at = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
  while (at < b.length) {
    const block = b[at]!;
    if (block === 0x2c) {
      if (at + 9 > b.length) return undefined;
      const u16 = (i: number): number => b[at + i]! | (b[at + i + 1]! << 8);
      return { width, height, frame: { left: u16(1), top: u16(3), width: u16(5), height: u16(7) } };
    }
    if (block !== 0x21) return undefined;
    at += 2;
    while (at < b.length && b[at] !== 0) at += b[at]! + 1;
    at += 1;
  }
  return undefined;
}

/** The canvas a GIF decodes to: its logical screen, enlarged when the first frame sticks out of it. */
export function gifCanvasSize(header: GifHeader): HeaderSize {
  const { frame } = header;
  return { width: Math.max(header.width, frame.left + frame.width), height: Math.max(header.height, frame.top + frame.height) };
}

/**
 * A CMYK or YCCK JPEG, as Photoshop writes them (4 components and an Adobe marker). Browsers
 * disagree on how to turn these into RGB, so the page and the CLI both decode them in pure JS.
 */
export function isAdobeCmykJpeg(header: JpegHeader): boolean {
  return header.components === 4 && header.adobeTransform !== undefined;
}

/**
 * The canvas of a WebP: the VP8X extended header's when there is one (animations, alpha,
 * metadata), else the size in the single VP8 (lossy) or VP8L (lossless) bitstream's header.
 */
export function webpHeader(b: Uint8Array): HeaderSize | undefined {
  if (b.length < 30) return undefined;
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === 'VP8X') {
    return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  }
  if (chunk === 'VP8 ') {
    // A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit sizes (2 bits of scaling above).
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
    return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return undefined;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return undefined;
}

/** The decoded size from the header, for the formats this module reads; undefined otherwise. */
export function headerSize(bytes: Uint8Array, format: string): HeaderSize | undefined {
  if (format === 'jpeg') return sizeOnly(jpegHeader(bytes));
  if (format === 'png') return pngHeader(bytes);
  if (format === 'gif') {
    const gif = gifHeader(bytes);
    return gif && gifCanvasSize(gif);
  }
  if (format === 'webp') return webpHeader(bytes);
  if (format === 'avif' || format === 'heif') return isobmffPrimarySize(bytes);
  return undefined;
}

function sizeOnly(header: HeaderSize | undefined): HeaderSize | undefined {
  return header && { width: header.width, height: header.height };
}

function u24le(b: Uint8Array, at: number): number {
  return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
}

function u32be(b: Uint8Array, at: number): number {
  return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}
