/**
 * Reads the EXIF Orientation tag (TIFF tag 0x0112) from a JPEG, PNG, WebP or TIFF file, without
 * reading anything else: we never keep EXIF, we only need to know how to turn the pixels upright.
 * Pure: no Node or DOM API, so a browser can use it too.
 */

/**
 * How the stored pixels must be transformed to display upright (EXIF 2.3, tag 0x0112):
 * 1 as stored, 2 mirrored left–right, 3 turned 180°, 4 mirrored top–bottom, 5 transposed,
 * 6 turned 90° clockwise, 7 transversed, 8 turned 90° anticlockwise.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;

/** The orientation stored in the file's EXIF block, or 1 when there is none or it is unreadable. */
export function readExifOrientation(bytes: Uint8Array): Orientation {
  const exif = findExifBlock(bytes);
  return exif === undefined ? 1 : orientationFromTiff(exif);
}

/**
 * Reads the orientation from a TIFF-structured block (what follows `Exif\0\0` in a JPEG, the
 * content of a PNG `eXIf` chunk, or a whole TIFF file). 1 when absent, out of range or malformed.
 */
export function orientationFromTiff(tiff: Uint8Array): Orientation {
  if (tiff.length < 8) return 1;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49; // "II"
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d; // "MM"
  if (!little && !big) return 1;
  const u16 = (at: number): number => (little ? tiff[at]! | (tiff[at + 1]! << 8) : (tiff[at]! << 8) | tiff[at + 1]!);
  const u32 = (at: number): number => (little ? u16(at) + u16(at + 2) * 0x10000 : u16(at) * 0x10000 + u16(at + 2));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd < 8 || ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    const type = u16(entry + 2);
    // SHORT as the standard says; LONG seen from a few writers. Either way the value is inline.
    const value = type === 3 ? u16(entry + 8) : type === 4 ? u32(entry + 8) : 0;
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

function findExifBlock(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegExif(bytes);
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return pngExif(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpExif(bytes);
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return bytes;
  return undefined;
}

/** APP1 segments before the first scan; the one that starts with "Exif\0\0" holds a TIFF block. */
function jpegExif(bytes: Uint8Array): Uint8Array | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) { at += 1; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { at += 2; continue; }
    if (marker === 0xda || marker === 0xd9) return undefined; // start of scan / end of image
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2) return undefined;
    const start = at + 4;
    const end = Math.min(at + 2 + length, bytes.length);
    if (marker === 0xe1 && ascii(bytes, start, 6) === 'Exif\0\0') return bytes.subarray(start + 6, end);
    at += 2 + length;
  }
  return undefined;
}

/** PNG `eXIf` chunk (PNG 1.5 extension), read wherever it is before IEND. */
function pngExif(bytes: Uint8Array): Uint8Array | undefined {
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = u32be(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const start = at + 8;
    if (type === 'eXIf') return bytes.subarray(start, Math.min(start + length, bytes.length));
    if (type === 'IEND') return undefined;
    at = start + length + 4;
  }
  return undefined;
}

/** WebP `EXIF` chunk; some writers keep the JPEG-style "Exif\0\0" prefix, which is skipped. */
function webpExif(bytes: Uint8Array): Uint8Array | undefined {
  let at = 12;
  while (at + 8 <= bytes.length) {
    const length = bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! * 0x1000000);
    const start = at + 8;
    if (ascii(bytes, at, 4) === 'EXIF') {
      const block = bytes.subarray(start, Math.min(start + length, bytes.length));
      return ascii(block, 0, 6) === 'Exif\0\0' ? block.subarray(6) : block;
    }
    at = start + length + (length & 1);
  }
  return undefined;
}

function u32be(bytes: Uint8Array, at: number): number {
  return bytes[at]! * 0x1000000 + ((bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (at + length > bytes.length) return '';
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[at + i]!);
  return text;
}
