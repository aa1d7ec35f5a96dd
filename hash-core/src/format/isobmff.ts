/**
 * Just enough of the ISO base media file format (the container of HEIC and AVIF) to read the
 * primary image's size from its `ispe` property and to tell a file that was cut short, without a
 * decoder. Every read is bounds-checked: damaged input gives undefined, never an exception.
 */
import type { HeaderSize } from './header-size.js';

interface Box {
  type: string;
  /** Where the box's content starts (after its header) and ends. */
  start: number;
  end: number;
}

/** The boxes directly inside [from, to); stops at the first one that does not fit. */
function childBoxes(b: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = u32(b, at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) break;
      size = u32(b, at + 8) * 0x1_0000_0000 + u32(b, at + 12);
      header = 16;
    } else if (size === 0) {
      size = to - at; // extends to the end of its parent
    }
    if (size < header || at + size > to) break;
    boxes.push({ type: fourcc(b, at + 4), start: at + header, end: at + size });
    at += size;
  }
  return boxes;
}

function child(b: Uint8Array, parent: Box, type: string, fullBox = false): Box | undefined {
  return childBoxes(b, parent.start + (fullBox ? 4 : 0), parent.end).find((box) => box.type === type);
}

/**
 * The `ispe` (image spatial extents) of the primary item: the size it decodes to before rotation
 * (a 90° `irot` swaps width and height, which leaves the pixel count unchanged). For an iPhone
 * photo the primary item is the grid of tiles, and its `ispe` is the whole image.
 */
export function isobmffPrimarySize(b: Uint8Array): HeaderSize | undefined {
  const whole: Box = { type: '', start: 0, end: b.length };
  const meta = child(b, whole, 'meta');
  if (meta === undefined) return undefined;
  const pitm = child(b, meta, 'pitm', true);
  const iprp = child(b, meta, 'iprp', true);
  if (pitm === undefined || iprp === undefined || pitm.start + 6 > pitm.end) return undefined;
  const primary = b[pitm.start] === 0 ? u16(b, pitm.start + 4) : u32(b, pitm.start + 4);
  const ipco = child(b, iprp, 'ipco');
  const ipma = child(b, iprp, 'ipma');
  if (ipco === undefined || ipma === undefined) return undefined;
  const properties = childBoxes(b, ipco.start, ipco.end);
  for (const index of propertyIndices(b, ipma, primary) ?? []) {
    const property = properties[index - 1]; // 1-based; 0 means "no property"
    if (property?.type === 'ispe' && property.start + 12 <= property.end) {
      return { width: u32(b, property.start + 4), height: u32(b, property.start + 8) };
    }
  }
  return undefined;
}

/** The property indices the `ipma` box associates with one item. */
function propertyIndices(b: Uint8Array, ipma: Box, item: number): number[] | undefined {
  if (ipma.start + 8 > ipma.end) return undefined;
  const version = b[ipma.start]!;
  const wideIndices = (b[ipma.start + 3]! & 1) === 1;
  const entries = u32(b, ipma.start + 4);
  let at = ipma.start + 8;
  for (let e = 0; e < entries; e++) {
    const idSize = version < 1 ? 2 : 4;
    if (at + idSize + 1 > ipma.end) return undefined;
    const id = idSize === 2 ? u16(b, at) : u32(b, at);
    const count = b[at + idSize]!;
    at += idSize + 1;
    const indexSize = wideIndices ? 2 : 1;
    if (at + count * indexSize > ipma.end) return undefined;
    if (id === item) {
      return Array.from({ length: count }, (_, i) => (wideIndices ? u16(b, at + 2 * i) & 0x7fff : b[at + i]! & 0x7f));
    }
    at += count * indexSize;
  }
  return undefined;
}

/** A top-level box that claims to run past the end of the file: the file was cut. */
export function isobmffTruncated(b: Uint8Array): boolean {
  let at = 0;
  while (at < b.length) {
    if (at + 8 > b.length) return false; // a few stray bytes after the last box: left to the decoder
    let size = u32(b, at);
    if (size === 1) {
      if (at + 16 > b.length) return true;
      size = u32(b, at + 8) * 0x1_0000_0000 + u32(b, at + 12);
    } else if (size === 0) {
      return false; // the last box, to the end of the file
    }
    if (size < 8) return false; // damaged, not cut
    at += size;
  }
  return at > b.length;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

function u32(b: Uint8Array, at: number): number {
  return b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}

function fourcc(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}
