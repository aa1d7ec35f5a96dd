/**
 * Decoding through BOTH decoders wherever the fallback reads the format: orientation, colour
 * profiles, transparency, bit depths, first frames, every error, and the decompression bomb.
 * Fixtures come from fixtures/make-fixtures.ts (see fixtures/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { hamming, pdq } from '../index.js';
import { failure, fixture, FIXTURES, maxAbsDiff, meanAbsDiff } from '../test-support/images.js';
import { describeWithShared, readTsv, sharedPath } from '../test-support/shared.js';
import { decodeImage, type DecodedImage, type DecoderName } from './decode.js';
import { jpegHeader } from '../format/header-size.js';
import { DEFAULT_MAX_PIXELS } from './limits.js';

const DECODERS: DecoderName[] = ['sharp', 'fallback'];

// The upright test pattern of make-fixtures.ts (192×128).
const W = 192;
const H = 128;
function patternAt(x: number, y: number): number[] {
  if (x >= 12 && x < 52 && y >= 12 && y < 52) return [24, 24, 24];
  if ((x - 150) ** 2 + (y - 88) ** 2 <= 22 ** 2) return [250, 250, 250];
  return [Math.round((x * 255) / (W - 1)), Math.round((y * 255) / (H - 1)), Math.round(64 + (128 * (x + y)) / (W + H - 2))];
}
/** Points inside the square, the disk and the gradients: each orientation mistake moves them. */
const PROBES = [[30, 30], [150, 88], [100, 10], [180, 120], [5, 110], [90, 60]] as const;

function at(image: DecodedImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

function expectNear(actual: number[], expected: number[], tolerance: number, what: string): void {
  const off = expected.some((e, c) => Math.abs(actual[c]! - e) > tolerance);
  expect(off ? `${what}: got ${actual.slice(0, expected.length)}, want ${expected} ± ${tolerance}` : 'ok').toBe('ok');
}

/** Every pixel against a formula; reports the first mismatch. */
function expectEveryPixel(image: DecodedImage, expected: (x: number, y: number) => number[]): void {
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const want = expected(x, y);
      const got = at(image, x, y);
      if (want.some((v, c) => v !== got[c])) expect(`(${x},${y}) = ${got}`).toBe(`(${x},${y}) = ${want}`);
    }
  }
}

/** A copy of a JPEG whose start-of-frame claims another size (the data stays as it was). */
function withJpegSize(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 2; i + 9 < out.length; i++) {
    if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc2)) {
      out[i + 5] = height >> 8; out[i + 6] = height & 255;
      out[i + 7] = width >> 8; out[i + 8] = width & 255;
      return out;
    }
  }
  throw new Error('no SOF');
}

const VIDEOS: [string, Uint8Array, string][] = [
  ['clip.mp4', fixture('clip.mp4'), 'MP4'],
  ['a WebM', Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...Buffer.from('webm')]), 'WebM'],
  ['an AVI', Uint8Array.from(Buffer.from('RIFF\x10\0\0\0AVI LIST', 'latin1')), 'AVI'],
  ['a MOV', Uint8Array.from([0, 0, 0, 20, ...Buffer.from('ftypqt  '), 0, 0, 0, 0, ...Buffer.from('qt  ')]), 'QuickTime (MOV)'],
];

describe.each(DECODERS)('decodeImage with the %s decoder', (decoder) => {
  const decode = (name: string, maxPixels?: number) => decodeImage(fixture(name), { decoder, maxPixels });

  describe('EXIF orientation', () => {
    it('orientation-1.jpg is the upright pattern', async () => {
      const image = await decode('orientation-1.jpg');
      expect([image.width, image.height, image.format]).toEqual([W, H, 'jpeg']);
      for (const [x, y] of PROBES) expectNear(at(image, x, y), patternAt(x, y), 8, `(${x},${y})`);
    });

    it.each([2, 3, 4, 5, 6, 7, 8])('orientation-%i.jpg shows the same upright pixels', async (o) => {
      const bytes = fixture(`orientation-${o}.jpg`);
      const stored = jpegHeader(bytes)!;
      expect([stored.width, stored.height]).toEqual(o >= 5 ? [H, W] : [W, H]); // 5–8 are stored sideways
      const image = await decodeImage(bytes, { decoder });
      expect([image.width, image.height]).toEqual([W, H]);
      expect(meanAbsDiff(image, await decode('orientation-1.jpg'))).toBeLessThan(3);
      for (const [x, y] of PROBES) expectNear(at(image, x, y), patternAt(x, y), 8, `orientation ${o} at (${x},${y})`);
    });

    it('a PNG eXIf orientation is applied too (lossless, so exactly the pattern)', async () => {
      const image = await decode('orientation-6.png');
      expect(maxAbsDiff(image, await decode('pattern.png'))).toBe(0);
    });
  });

  describe('colour', () => {
    const PATCHES = [[200, 80, 40], [40, 160, 90], [60, 90, 200], [128, 128, 128]];
    const CENTRES = [[16, 16], [48, 16], [16, 48], [48, 48]];

    it.each([['icc-p3.jpg', 1.5], ['icc-p3.png', 0]] as const)('%s (Display P3 profile) decodes to the stored values, profile ignored', async (name, tolerance) => {
      // As stored, like Meta's tool and PIL-based hashers: the same file hashes the same everywhere.
      const image = await decode(name);
      const bytes = fixture(name);
      const stored = name.endsWith('.png') ? PNG.sync.read(Buffer.from(bytes)) : jpeg.decode(bytes, { useTArray: true });
      expect(meanAbsDiff(image, { width: stored.width, height: stored.height, data: new Uint8Array(stored.data) })).toBeLessThanOrEqual(tolerance);
      expect(at(image, 16, 16)[3]).toBe(255);
    });

    it('a CMYK JPEG (no profile) comes out in the right hues, not inverted, by the same formula with both decoders', async () => {
      // Both decoders (and the browser page) convert with jpeg-js and Pillow's formula
      // R = (255 − C)(255 − K)/255 and so on, not sharp's CMYK profile: up to ~85 levels from the
      // source on the green patch, but identical everywhere. Each patch keeps its dominant
      // channel and the grey stays neutral.
      const image = await decode('cmyk.jpg');
      const [red, green, blue, grey] = CENTRES.map(([x, y]) => at(image, x!, y!));
      expect(red![0]).toBeGreaterThan(Math.max(red![1]!, red![2]!) + 80);
      expect(green![1]).toBeGreaterThan(Math.max(green![0]!, green![2]!) + 60);
      expect(blue![2]).toBeGreaterThan(Math.max(blue![0]!, blue![1]!) + 50);
      expect(Math.max(...grey!.slice(0, 3)) - Math.min(...grey!.slice(0, 3))).toBeLessThan(10);
      CENTRES.forEach(([x, y], i) => expectNear(at(image, x!, y!), PATCHES[i]!, 90, `patch ${i}`));
      const other = await decodeImage(fixture('cmyk.jpg'), { decoder: decoder === 'sharp' ? 'fallback' : 'sharp' });
      expect(maxAbsDiff(image, other)).toBe(0);
    });

    it('transparency is kept exactly, including the colour under alpha 0', async () => {
      const image = await decode('transparent.png');
      expect([image.width, image.height]).toEqual([96, 32]);
      expectEveryPixel(image, (x, y) => [200, x * 2, y * 8, x < 32 ? 255 : x < 64 ? 0 : Math.round(((x - 64) * 255) / 31)]);
    });

    it('a 16-bit PNG equals its 8-bit source within 1', async () => {
      const image = await decode('rgb16.png');
      const eight = await decode('pattern.png');
      expect(maxAbsDiff(image, eight)).toBeLessThanOrEqual(1);
      expect(meanAbsDiff(image, eight)).toBeLessThan(0.6);
    });

    it('a palette PNG with tRNS becomes RGBA', async () => {
      const palette = [[255, 0, 0, 255], [0, 128, 255, 255], [20, 200, 20, 128], [250, 250, 0, 0]];
      expectEveryPixel(await decode('palette.png'), (x, y) => palette[((x >> 3) + (y >> 3)) % 4]!);
    });

    it('a grey+alpha PNG becomes RGBA', async () => {
      expectEveryPixel(await decode('grey-alpha.png'), (x, y) => [x * 8, x * 8, x * 8, y * 17]);
    });

    it('a 1-bit PNG becomes black and white', async () => {
      expectEveryPixel(await decode('bilevel.png'), (x, y) => {
        const byte = (y % 2 ? 0b10110011 : 0b01001100) ^ (x >> 3);
        const v = (byte >> (7 - (x & 7))) & 1 ? 255 : 0;
        return [v, v, v, 255];
      });
    });

    it('an animated GIF gives its first frame', async () => {
      const quadrants = [[220, 30, 30, 255], [30, 200, 60, 255], [40, 60, 220, 255], [240, 220, 40, 255]];
      const image = await decode('animated.gif');
      expect([image.width, image.height, image.format]).toEqual([64, 48, 'gif']);
      expectEveryPixel(image, (x, y) => quadrants[(y >= 24 ? 2 : 0) + (x >= 32 ? 1 : 0)]!);
    });
  });

  describe('what comes back', () => {
    it('pixels and format only: no metadata', async () => {
      const image = await decode('orientation-6.jpg');
      expect(Object.keys(image).sort()).toEqual(['data', 'format', 'height', 'width']);
      expect(image.data).toBeInstanceOf(Uint8Array);
      expect(image.data.length).toBe(image.width * image.height * 4);
    });

    it('accepts a Uint8Array view into a larger buffer', async () => {
      const bytes = fixture('orientation-3.jpg');
      const backing = new Uint8Array(bytes.length + 7);
      backing.set(bytes, 7);
      const image = await decodeImage(backing.subarray(7), { decoder });
      expect(meanAbsDiff(image, await decode('orientation-3.jpg'))).toBe(0);
    });
  });

  describe('errors', () => {
    it('empty file', async () => {
      const error = await failure(decode('empty.jpg'));
      expect([error.code, error.message]).toEqual(['empty', 'the file is empty (0 bytes)']);
    });

    it('a text file named .jpg', async () => {
      const error = await failure(decode('not-an-image.jpg'));
      expect(error.code).toBe('not-an-image');
      expect(error.message).toMatch(/^this file is not an image/);
    });

    it('a PDF is named as such', async () => {
      const error = await failure(decodeImage(Buffer.from('%PDF-1.4\n%âãÏÓ\n'), { decoder }));
      expect([error.code, error.message]).toEqual(['not-an-image', 'this is a PDF file, not an image']);
    });

    it.each(VIDEOS)('%s is a video', async (_name, bytes, label) => {
      const error = await failure(decodeImage(bytes, { decoder }));
      expect([error.code, error.message]).toEqual(['video', `this looks like a video (${label}); videos are not supported yet`]);
    });

    it.each([['truncated.jpg', 'JPEG'], ['truncated.png', 'PNG']])('%s (cut in half) is truncated', async (name, label) => {
      const error = await failure(decode(name));
      expect(error.code).toBe('truncated');
      expect(error.message).toMatch(new RegExp(`^the ${label} file is incomplete`));
    });

    it('a GIF cut inside its first frame is truncated', async () => {
      const gif = fixture('animated.gif');
      const error = await failure(decodeImage(gif.subarray(0, 60), { decoder }));
      expect(error.code).toBe('truncated');
    });

    it.each([['corrupt.jpg', 'JPEG'], ['corrupt.png', 'PNG']])('%s (garbage after a valid header) is corrupt', async (name, label) => {
      const error = await failure(decode(name));
      expect([error.code, error.message]).toEqual(['corrupt', `the ${label} file is damaged: its image data could not be decoded`]);
    });

    it.each([
      ['BMP', Uint8Array.from([...Buffer.from('BM'), 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0, ...new Array(28).fill(0)])],
      ['SVG', Uint8Array.from(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'))],
    ])('a %s image is an unsupported format', async (label, bytes) => {
      const error = await failure(decodeImage(bytes, { decoder }));
      expect([error.code, error.message]).toEqual(['unsupported-format', `${label} images are not supported; convert it to JPEG or PNG first`]);
    });
  });

  describe('pixel limit, checked on the header before decoding', () => {
    it('the 900-megapixel PNG bomb is refused in under a second without allocating it', async () => {
      const bytes = fixture('bomb.png');
      expect(bytes.length).toBeLessThan(200_000);
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      const error = await failure(decodeImage(bytes, { decoder, maxPixels: 100_000_000 }));
      const elapsed = performance.now() - started;
      const grown = process.memoryUsage().rss - rssBefore;
      expect([error.code, error.message]).toEqual(['too-many-pixels', 'the image is 30000×30000 = 900 megapixels, over the limit of 100 megapixels']);
      expect(elapsed).toBeLessThan(1000);
      expect(grown).toBeLessThan(100 * 2 ** 20);
    });

    it('a JPEG whose header claims 60000×60000 is refused before decoding', async () => {
      const started = performance.now();
      const error = await failure(decodeImage(withJpegSize(fixture('orientation-1.jpg'), 60000, 60000), { decoder }));
      expect(error.code).toBe('too-many-pixels');
      expect(error.message).toMatch(/^the image is 60000×60000 = 3600 megapixels, over the limit of \d+ megapixels$/);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('a GIF whose screen and first frame claim 65535×65535 is refused before decoding', async () => {
      const gif = new Uint8Array(fixture('animated.gif'));
      gif.set([0xff, 0xff, 0xff, 0xff], 6); // logical screen
      const frame = Buffer.from(gif).indexOf(Buffer.from([0x2c, 0, 0, 0, 0, 64, 0, 48, 0])); // first image descriptor
      expect(frame).toBeGreaterThan(0);
      gif.set([0xff, 0xff, 0xff, 0xff], frame + 5);
      const error = await failure(decodeImage(gif, { decoder }));
      expect([error.code, error.message]).toEqual(['too-many-pixels', `the image is 65535×65535 = 4295 megapixels, over the limit of ${Math.round(DEFAULT_MAX_PIXELS / 1e6)} megapixels`]);
    });

    it('maxPixels is a hard limit: one pixel over fails, exactly at it decodes', async () => {
      const error = await failure(decode('pattern.png', W * H - 1));
      expect([error.code, error.message]).toEqual(['too-many-pixels', 'the image is 192×128 = 0.025 megapixels, over the limit of 0.025 megapixels']);
      expect((await decode('pattern.png', W * H)).width).toBe(W);
      expect((await decode('orientation-1.jpg', W * H)).width).toBe(W);
    });

    it('refuses a maxPixels that is not a positive whole number', async () => {
      await expect(decode('pattern.png', 0)).rejects.toThrow(RangeError);
      await expect(decode('pattern.png', 1.5)).rejects.toThrow(/positive whole number/);
    });
  });
});

describe('formats only sharp reads', () => {
  const decode = (name: string) => decodeImage(fixture(name), { decoder: 'sharp' });

  it('lossless WebP is exactly the pattern', async () => {
    const image = await decode('pattern.webp');
    expect(image.format).toBe('webp');
    expect(maxAbsDiff(image, await decode('pattern.png'))).toBe(0);
  });

  it('a two-page TIFF gives its first page', async () => {
    const image = await decode('pattern-2pages.tiff');
    expect([image.width, image.height, image.format]).toEqual([W, H, 'tiff']);
    expect(maxAbsDiff(image, await decode('pattern.png'))).toBe(0);
  });

  it('AVIF decodes close to the pattern', async () => {
    const image = await decode('pattern.avif');
    expect(image.format).toBe('avif');
    expect(meanAbsDiff(image, await decode('pattern.png'))).toBeLessThan(4);
  });

});

describe.each(DECODERS)('HEIC with the %s decoder (always libheif-js, the browser page\'s own wasm build)', (decoder) => {
  it('decodes close to the pattern, its PDQ within 10 bits of pattern.png\'s', async () => {
    const image = await decodeImage(fixture('photo.heic'), { decoder });
    expect([image.width, image.height, image.format]).toEqual([W, H, 'heif']);
    const png = await decodeImage(fixture('pattern.png'), { decoder });
    expect(meanAbsDiff(image, png)).toBeLessThan(2); // measured 1.32 (HEVC at quality 40)
    expect(hamming(pdq(image).hash, pdq(png).hash)).toBeLessThanOrEqual(10); // measured 6
    for (const [x, y] of PROBES) expectNear(at(image, x, y), patternAt(x, y), 24, `(${x},${y})`);
  });

  it('gives the same pixels as the other decoder setting', async () => {
    const other = await decodeImage(fixture('photo.heic'), { decoder: decoder === 'sharp' ? 'fallback' : 'sharp' });
    expect(maxAbsDiff(await decodeImage(fixture('photo.heic'), { decoder }), other)).toBe(0);
  });
});

describe('the fallback refuses what only sharp reads', () => {
  it.each([['pattern.webp', 'WebP'], ['pattern-2pages.tiff', 'TIFF'], ['pattern.avif', 'AVIF']])('%s', async (name, label) => {
    const error = await failure(decodeImage(fixture(name), { decoder: 'fallback' }));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toBe(`${label} images need the sharp decoder, which is not in use here (the built-in decoders read JPEG, PNG, GIF and HEIC)`);
  });
});

it('the P3 fixtures store other numbers than the sRGB colours (so a decoder that converts profiles fails the colour tests)', () => {
  const stored = jpeg.decode(readFileSync(join(FIXTURES, 'icc-p3.jpg')), { useTArray: true });
  const i = (16 * stored.width + 16) * 4;
  const red = [...stored.data.subarray(i, i + 3)];
  expect(Math.max(...red.map((v, c) => Math.abs(v - [200, 80, 40][c]!)))).toBeGreaterThan(8);
});

describeWithShared("sharp and the fallback agree on Meta's colour-mode samples", () => {
  const MODES = 'reference/pdq/meta/modes';
  const rows = readTsv(sharedPath('reference/pdq/meta/modes.tsv'));
  const readable = rows.map((r) => r.file!).filter((f) => /\.(png|jpe?g)$/i.test(f));

  it('the fallback reads 9 of the 14 (the 5 WebP files need sharp)', () => {
    expect(rows.length).toBe(14);
    expect(readable.length).toBe(9);
  });

  it.each(readable)('%s', async (file) => {
    const bytes = readFileSync(sharedPath(MODES, file));
    const viaSharp = await decodeImage(bytes, { decoder: 'sharp' });
    const viaFallback = await decodeImage(bytes, { decoder: 'fallback' });
    // PNG is lossless: identical. JPEG: libjpeg's smooth chroma upsampling vs jpeg-js's nearest
    // neighbour, about 1 level. CMYK: jpeg-js in both, so identical.
    const limit = file === 'CMYK.jpg' || file.endsWith('.png') ? 0 : 1.5;
    expect(meanAbsDiff(viaSharp, viaFallback)).toBeLessThanOrEqual(limit);
  });
});
