import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/shared.js';
import { PIXEL_LIMIT } from './messages.js';
import { preflight } from './preflight.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/images', name)));
const options = { maxPixels: PIXEL_LIMIT, formats: ['jpeg', 'png', 'gif', 'webp', 'avif'] };

describe('preflight', () => {
  it.each([
    ['empty.jpg', 'empty', 'the file is empty (0 bytes)'],
    ['not-an-image.jpg', 'not-an-image', 'this file is not an image: it does not start like a JPEG, PNG, GIF, WebP, TIFF, AVIF or HEIC file'],
    ['clip.mp4', 'video', 'this looks like a video (MP4); videos are not supported yet'],
    ['truncated.jpg', 'truncated', 'the JPEG file is incomplete: it ends before the image does (it may have been cut off while downloading or copying)'],
    ['truncated.png', 'truncated', 'the PNG file is incomplete: it ends before the image does (it may have been cut off while downloading or copying)'],
    ['bomb.png', 'too-many-pixels', 'the image is 30000×30000 = 900 megapixels, over the limit of 100 megapixels'],
    ['photo.heic', 'unsupported-format', 'HEIC photos (the iPhone default format) cannot be read here yet; convert the photo to JPEG first'],
    ['pattern-2pages.tiff', 'unsupported-format', 'TIFF images are not supported; convert it to JPEG or PNG first'],
  ])('refuses %s (%s) before any decoder runs', (name, code, message) => {
    expect(preflight(fixture(name), options)).toMatchObject({ ok: false, code, message });
  });

  it('passes a good image, with its size when the header tells it', () => {
    expect(preflight(fixture('pattern.png'), options)).toMatchObject({ ok: true, format: 'png', width: expect.any(Number), height: expect.any(Number) });
    for (const name of ['pattern.webp', 'pattern.avif', 'photo.heic']) {
      expect(preflight(fixture(name), { ...options, formats: [...options.formats, 'heif'] })).toMatchObject({ ok: true, width: 192, height: 128 });
    }
    expect(preflight(fixture('pattern-2pages.tiff'), { ...options, formats: ['tiff'] })).toEqual({ ok: true, format: 'tiff' }); // size left to the decoder
  });

  it('an image exactly at the limit passes, one pixel over is refused', () => {
    const png = fixture('pattern.png');
    const { width, height } = preflight(png, options) as { width: number; height: number };
    expect(preflight(png, { ...options, maxPixels: width * height }).ok).toBe(true);
    expect(preflight(png, { ...options, maxPixels: width * height - 1 })).toMatchObject({ ok: false, code: 'too-many-pixels' });
  });

  it('names a PDF', () => {
    expect(preflight(new TextEncoder().encode('%PDF-1.7\n'), options)).toMatchObject({ ok: false, code: 'not-an-image', message: 'this is a PDF file, not an image', format: 'pdf' });
  });
});
