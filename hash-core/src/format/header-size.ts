/**
 * Image dimensions read from the header alone (JPEG, PNG, GIF), so an oversized image is refused
 * before anything is allocated for it: by preflight() (Node and browser) and the pure-JS decoders.
 */

export interface HeaderSize {
  width: number;
  height: number;
}

export interface JpegHeader extends HeaderSize {
  /** The start-of-frame marker: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others rarer. */
  sof: number;
}

export interface GifHeader extends HeaderSize {
  /** The first frame's rectangle on the logical screen. */
  frame: { left: number; top: number; width: number; height: number };
}

/** The first start-of-frame segment, or undefined when the header ends first. */
export function jpegHeader(b: Uint8Array): JpegHeader | undefined {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) { at += 1; continue; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (at + 9 > b.length) return undefined;
      return { sof: marker, height: (b[at + 5]! << 8) | b[at + 6]!, width: (b[at + 7]! << 8) | b[at + 8]! };
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

/** The decoded size from the header, for the formats this module reads; undefined otherwise. */
export function headerSize(bytes: Uint8Array, format: string): HeaderSize | undefined {
  if (format === 'jpeg') return jpegHeader(bytes);
  if (format === 'png') return pngHeader(bytes);
  if (format === 'gif') {
    const gif = gifHeader(bytes);
    return gif && gifCanvasSize(gif);
  }
  return undefined;
}

function u32be(b: Uint8Array, at: number): number {
  return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}
