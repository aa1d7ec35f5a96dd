import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/shared.js';
import { isTruncated } from './truncation.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/images', name)));

describe('isTruncated', () => {
  it.each([['orientation-1.jpg', 'jpeg'], ['pattern.png', 'png'], ['animated.gif', 'gif'], ['pattern.webp', 'webp']])('complete %s is not', (name, format) => {
    expect(isTruncated(fixture(name), format)).toBe(false);
  });

  it.each([['orientation-1.jpg', 'jpeg'], ['pattern.png', 'png'], ['pattern.webp', 'webp']])('%s cut anywhere is', (name, format) => {
    const bytes = fixture(name);
    for (const cut of [0.1, 0.5, 0.9, 0.999]) expect(isTruncated(bytes.subarray(0, Math.floor(bytes.length * cut)), format)).toBe(true);
  });

  it('a JPEG with data after its end (a phone\'s appended motion-photo video) is not', () => {
    const jpeg = fixture('orientation-1.jpg');
    expect(isTruncated(new Uint8Array([...jpeg, ...fixture('clip.mp4')]), 'jpeg')).toBe(false);
  });

  it('a GIF is complete once its first frame is, trailer or not', () => {
    const gif = fixture('animated.gif');
    expect(isTruncated(gif.subarray(0, gif.length - 1), 'gif')).toBe(false); // only the trailer missing
    expect(isTruncated(gif.subarray(0, 40), 'gif')).toBe(true);
  });

  it('damage is not truncation: garbage where a PNG chunk type should be', () => {
    const png = new Uint8Array(fixture('pattern.png'));
    png.set([0, 0, 0, 1, 0x01, 0x02, 0x03, 0x04], 33); // right after IHDR
    expect(isTruncated(png, 'png')).toBe(false);
  });

  it.each([['pattern.avif', 'avif'], ['photo.heic', 'heif']])('%s (ISO media boxes) is complete, and cut anywhere is not', (name, format) => {
    const bytes = fixture(name);
    expect(isTruncated(bytes, format)).toBe(false);
    for (const cut of [0.02, 0.1, 0.5, 0.9, 0.999]) expect(isTruncated(bytes.subarray(0, Math.floor(bytes.length * cut)), format)).toBe(true);
  });

  it('an ISO media file whose last box runs to the end (size 0) or has a few stray bytes after it is not', () => {
    const heic = fixture('photo.heic');
    const mdat = Buffer.from(heic).indexOf('mdat') - 4;
    const toEnd = new Uint8Array(heic);
    toEnd.set([0, 0, 0, 0], mdat);
    expect(isTruncated(toEnd.subarray(0, heic.length - 100), 'heif')).toBe(false);
    expect(isTruncated(new Uint8Array([...heic, 0, 0, 0]), 'heif')).toBe(false);
  });

  it('formats it does not know are left to the decoder', () => {
    expect(isTruncated(fixture('pattern-2pages.tiff').subarray(0, 100), 'tiff')).toBe(false);
  });
});
