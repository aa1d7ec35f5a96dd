import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { orientationFromTiff, readExifOrientation } from './exif-orientation.js';
import { repoRoot } from './test-support/shared.js';

/** A TIFF block with IFD0 holding the given entries (tag, type, value). */
function tiff(order: 'II' | 'MM', entries: [tag: number, type: number, value: number][]): Uint8Array {
  const b = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
  const le = order === 'II';
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    u16(tag, at);
    u16(type, at + 2);
    u32(1, at + 4);
    if (type === 3) u16(value, at + 8);
    else u32(value, at + 8);
  });
  return b;
}

const segment = (marker: number, payload: Uint8Array) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};
const exifApp1 = (block: Uint8Array) => segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), block]));
const SOI = Buffer.from([0xff, 0xd8]);
const SOS_AND_EOI = Buffer.from([0xff, 0xda, 0, 2, 0xff, 0xd9]);

describe('orientationFromTiff', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads %i in both byte orders', (o) => {
    expect(orientationFromTiff(tiff('II', [[0x0112, 3, o]]))).toBe(o);
    expect(orientationFromTiff(tiff('MM', [[0x0112, 3, o]]))).toBe(o);
  });

  it('finds the tag among others and accepts a LONG value', () => {
    expect(orientationFromTiff(tiff('MM', [[0x010f, 3, 7], [0x0110, 3, 9], [0x0112, 4, 6]]))).toBe(6);
  });

  it('gives 1 for a missing tag, an out-of-range value, or a malformed block', () => {
    expect(orientationFromTiff(tiff('II', [[0x010f, 3, 6]]))).toBe(1);
    expect(orientationFromTiff(tiff('II', [[0x0112, 3, 0]]))).toBe(1);
    expect(orientationFromTiff(tiff('II', [[0x0112, 3, 9]]))).toBe(1);
    expect(orientationFromTiff(tiff('II', [[0x0112, 3, 6]]).subarray(0, 20))).toBe(1); // cut inside the entry
    expect(orientationFromTiff(Buffer.from('XX*\0\x08\0\0\0', 'latin1'))).toBe(1);
    expect(orientationFromTiff(new Uint8Array(3))).toBe(1);
  });
});

describe('readExifOrientation', () => {
  it('reads a JPEG APP1 Exif segment after APP0 and an XMP APP1', () => {
    const jpeg = Buffer.concat([
      SOI,
      segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
      segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x/>', 'latin1')),
      exifApp1(tiff('MM', [[0x0112, 3, 8]])),
      SOS_AND_EOI,
    ]);
    expect(readExifOrientation(jpeg)).toBe(8);
  });

  it('ignores Exif-looking bytes after the start of scan', () => {
    const jpeg = Buffer.concat([SOI, SOS_AND_EOI.subarray(0, 4), exifApp1(tiff('II', [[0x0112, 3, 6]]))]);
    expect(readExifOrientation(jpeg)).toBe(1);
  });

  it('reads a PNG eXIf chunk', () => {
    const chunk = (type: string, data: Uint8Array) => {
      const head = Buffer.alloc(8);
      head.writeUInt32BE(data.length, 0);
      head.write(type, 4, 'latin1');
      return Buffer.concat([head, data, Buffer.alloc(4)]); // CRC is not checked here
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', Buffer.alloc(13)),
      chunk('IDAT', deflateSync(Buffer.alloc(10))),
      chunk('eXIf', tiff('II', [[0x0112, 3, 5]])),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    expect(readExifOrientation(png)).toBe(5);
  });

  it('reads a WebP EXIF chunk, with or without the "Exif\\0\\0" prefix', () => {
    const webp = (payload: Uint8Array) => {
      const vp8x = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), Buffer.alloc(10)]);
      const exif = Buffer.concat([Buffer.from('EXIF'), Buffer.alloc(4), payload, Buffer.alloc(payload.length & 1)]);
      exif.writeUInt32LE(payload.length, 4);
      const body = Buffer.concat([Buffer.from('WEBP'), vp8x, exif]);
      const head = Buffer.from('RIFF\0\0\0\0');
      head.writeUInt32LE(body.length, 4);
      return Buffer.concat([head, body]);
    };
    expect(readExifOrientation(webp(tiff('MM', [[0x0112, 3, 3]])))).toBe(3);
    expect(readExifOrientation(webp(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff('II', [[0x0112, 3, 7]])])))).toBe(7);
  });

  it('reads a TIFF file directly', () => {
    expect(readExifOrientation(tiff('II', [[0x0112, 3, 4]]))).toBe(4);
  });

  it('gives 1 when there is no EXIF, and for anything else', () => {
    expect(readExifOrientation(Buffer.concat([SOI, SOS_AND_EOI]))).toBe(1);
    expect(readExifOrientation(new Uint8Array(0))).toBe(1);
    expect(readExifOrientation(Buffer.from('GIF89a'))).toBe(1);
    // a segment length that runs past the end of the file
    expect(readExifOrientation(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0x45]))).toBe(1);
  });

  const fixtures = join(repoRoot, 'fixtures/images');
  it.runIf(existsSync(fixtures)).each([1, 2, 3, 4, 5, 6, 7, 8])('fixtures/images/orientation-%i.jpg says %i', (o) => {
    expect(readExifOrientation(readFileSync(join(fixtures, `orientation-${o}.jpg`)))).toBe(o);
  });
});
