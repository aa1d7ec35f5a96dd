import { describe, expect, it } from 'vitest';
import { fixture } from '../test-support/images.js';
import { headerSize, isAdobeCmykJpeg, jpegHeader, webpHeader } from './header-size.js';
import { isobmffPrimarySize } from './isobmff.js';
import { PIXEL_LIMIT } from './messages.js';
import { preflight } from './preflight.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

/** A RIFF/WebP file holding one chunk (sizes are not checked by the header reader). */
const webp = (chunk: string, payload: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [payload.length, 0, 0, 0], payload, new Array(16).fill(0));

const le24 = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255];

/** A copy with the 32-bit big-endian width and height after the first `ispe` replaced. */
function withIspe(file: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(file);
  const at = Buffer.from(out).indexOf('ispe');
  new DataView(out.buffer).setUint32(at + 8, width);
  new DataView(out.buffer).setUint32(at + 12, height);
  return out;
}

const options = { maxPixels: PIXEL_LIMIT, formats: ['jpeg', 'png', 'gif', 'webp', 'avif', 'heif'] };

describe('WebP', () => {
  it('lossless (VP8L): pattern.webp is 192×128', () => {
    expect(webpHeader(fixture('pattern.webp'))).toEqual({ width: 192, height: 128 });
  });

  it('lossy (VP8): the 14-bit sizes after the start code, scaling bits ignored', () => {
    const frame = [0x50, 0x05, 0x00, 0x9d, 0x01, 0x2a, ...[640 & 255, (640 >> 8) | 0x40], ...[480 & 255, 480 >> 8]];
    expect(webpHeader(webp('VP8 ', frame))).toEqual({ width: 640, height: 480 });
    frame[3] = 0; // no start code: not a key frame header
    expect(webpHeader(webp('VP8 ', frame))).toBeUndefined();
  });

  it('extended (VP8X): the canvas, up to 2^24 a side', () => {
    expect(webpHeader(webp('VP8X', [0x10, 0, 0, 0, ...le24(4031), ...le24(3023)]))).toEqual({ width: 4032, height: 3024 });
    expect(webpHeader(webp('VP8X', [0, 0, 0, 0, ...le24(0xffffff), ...le24(0xffffff)]))).toEqual({ width: 2 ** 24, height: 2 ** 24 });
  });

  it('an over-limit header is refused by preflight before any decoder', () => {
    const big = new Uint8Array(fixture('pattern.webp'));
    const bits = (16383) | (16383 << 14); // 16384×16384 = 268 MP, the largest VP8L size
    big.set([bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, ((bits >>> 24) & 0x0f) | (big[24]! & 0xf0)], 21);
    expect(preflight(big, options)).toMatchObject({ ok: false, code: 'too-many-pixels', message: 'the image is 16384×16384 = 268 megapixels, over the limit of 100 megapixels' });
    const canvas = webp('VP8X', [0, 0, 0, 0, ...le24(29999), ...le24(29999)]);
    canvas.set([(canvas.length - 8) & 255, (canvas.length - 8) >> 8], 4); // a complete RIFF
    expect(preflight(canvas, options)).toMatchObject({ ok: false, code: 'too-many-pixels', message: 'the image is 30000×30000 = 900 megapixels, over the limit of 100 megapixels' });
  });
});

describe('AVIF and HEIC (the primary item\'s ispe)', () => {
  it.each(['pattern.avif', 'photo.heic', 'transparent.heic'])('%s', (name) => {
    expect(isobmffPrimarySize(fixture(name))).toEqual(name.startsWith('transparent') ? { width: 96, height: 32 } : { width: 192, height: 128 });
  });

  it('the stored size, before a 90° irot turns it (the pixel count is the same)', () => {
    expect(isobmffPrimarySize(fixture('photo-transformed.heic'))).toEqual({ width: 128, height: 192 });
  });

  it('over-limit headers are refused by preflight, AVIF and HEIC alike', () => {
    for (const [name, format] of [['pattern.avif', 'avif'], ['photo.heic', 'heif']] as const) {
      expect(headerSize(withIspe(fixture(name), 60000, 60000), format)).toEqual({ width: 60000, height: 60000 });
      expect(preflight(withIspe(fixture(name), 60000, 60000), options)).toMatchObject({ ok: false, code: 'too-many-pixels', format });
    }
  });

  it('damaged or missing boxes give no size (left to the decoder), never an exception', () => {
    const heic = fixture('photo.heic');
    expect(isobmffPrimarySize(heic.subarray(0, 60))).toBeUndefined();
    expect(isobmffPrimarySize(bytes([0, 0, 0, 16], 'ftypheic', [0, 0, 0, 0]))).toBeUndefined();
    for (let at = 28; at < 350; at += 7) {
      const damaged = new Uint8Array(heic);
      damaged[at] = 0xff;
      expect(() => isobmffPrimarySize(damaged)).not.toThrow();
    }
  });
});

describe('JPEG colour layout', () => {
  it('a CMYK JPEG with an Adobe marker is recognised; an ordinary one is not', () => {
    expect(jpegHeader(fixture('cmyk.jpg'))).toMatchObject({ components: 4, adobeTransform: 0 });
    expect(isAdobeCmykJpeg(jpegHeader(fixture('cmyk.jpg'))!)).toBe(true);
    expect(jpegHeader(fixture('orientation-1.jpg'))).toEqual({ sof: 0xc0, width: 192, height: 128, components: 3 });
    expect(isAdobeCmykJpeg(jpegHeader(fixture('orientation-1.jpg'))!)).toBe(false);
  });
});
