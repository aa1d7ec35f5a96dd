import { describe, expect, it } from 'vitest';
import { exactDigests, imageItem, perceptualHashes, releaseScratch } from './image-item.js';
import { areaResize, preResizeSize } from './resize.js';
import { blockhash256 } from './signals/blockhash/blockhash.js';
import { md5, sha256 } from './signals/exact/digests.js';
import { pdq } from './signals/pdq/index.js';
import { MIRRORED_QUERY_VARIANTS, mirroredLeftRight } from './signals/pdq-variants/mirrored-query.js';
import { texturedPicture } from './test-support/pictures.js';

/** A smooth picture with some noise, mostly opaque; `channels` 4 adds translucent pixels. */
function picture(width: number, height: number, channels: 3 | 4, seed: number) {
  let state = seed;
  const noise = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 28);
  const data = new Uint8Array(width * height * channels);
  for (let y = 0, i = 0; y < height; y++)
    for (let x = 0; x < width; x++, i += channels) {
      data[i] = (x * 255 / width + noise()) & 255;
      data[i + 1] = (y * 255 / height + noise()) & 255;
      data[i + 2] = ((x ^ y) + noise()) & 255;
      if (channels === 4) data[i + 3] = (x + y) % 97 === 0 ? 0 : (x * y) % 13 === 0 ? 128 : 255;
    }
  return { width, height, data };
}

/** The straightforward way: a fresh RGB pre-resize, then each hash on it. */
function plainHashes(pixels: ReturnType<typeof picture>) {
  const size = preResizeSize(pixels.width, pixels.height);
  const small = areaResize(pixels, size.width, size.height);
  const { hash, quality } = pdq(small);
  return { pdq: hash, quality, blockhash: blockhash256(small) };
}

describe('perceptualHashes on big images', () => {
  it('equals the plain pipeline, whatever the kept buffers held before', () => {
    // Larger, then smaller (the kept buffers are reused with stale bytes), then after a release.
    const images = [picture(2600, 1300, 3, 1), picture(1100, 2200, 4, 2), picture(2100, 900, 3, 3)];
    const options = { variants: false };
    for (const image of images) expect(perceptualHashes(image, options)).toEqual(plainHashes(image));
    releaseScratch();
    expect(perceptualHashes(images[1]!, options)).toEqual(plainHashes(images[1]!));
    // The variants do not disturb the kept buffers either (they work on their own ≤ 512 px plane).
    const withVariants = perceptualHashes(images[0]!);
    expect({ ...withVariants, variants: undefined }).toEqual({ ...plainHashes(images[0]!), variants: undefined });
    expect(Object.keys(withVariants.variants ?? {}).length).toBeGreaterThan(10);
  });
});

describe('perceptualHashes on small images (their own variants plane)', () => {
  it('gives plain PDQ bit for bit when PDQ reads the variants\' blur, and the same variants whatever came before', () => {
    // ≤ 640 px: PDQ shares the plane; 64 × 64 and tiny pictures, which PDQ does not blur, do not.
    const images = [picture(640, 480, 3, 4), picture(300, 577, 4, 5), picture(64, 64, 3, 6), picture(4, 9, 3, 7), picture(641, 200, 3, 8)];
    const first = images.map((image) => perceptualHashes(image));
    images.forEach((image, i) => {
      const { hash, quality } = pdq(image);
      expect({ ...first[i], variants: undefined }, `${image.width}×${image.height}`).toEqual({ pdq: hash, quality, blockhash: blockhash256(image), variants: undefined });
    });
    expect(Object.keys(first[0]!.variants ?? {}).length).toBeGreaterThan(10);
    // Smaller, then larger again: the kept luma, blur and table buffers hold stale values.
    const again = [...images].reverse().map((image) => perceptualHashes(image)).reverse();
    expect(again).toEqual(first);
    releaseScratch();
    expect(perceptualHashes(images[1]!)).toEqual(first[1]);
  });
});

describe('a query\'s mirrored hashes (with dihedral)', () => {
  it('are the PDQ and the crop and trim variants of the picture mirrored, for querying only', async () => {
    const photo = texturedPicture(400, 300, 12);
    const query = perceptualHashes(photo, { dihedral: true });
    const mirror = perceptualHashes(mirroredLeftRight(photo));
    expect(query.mirrored).toEqual({
      pdq: mirror.pdq,
      ...Object.fromEntries(MIRRORED_QUERY_VARIANTS.filter((name) => mirror.variants![name]).map((name) => [name, mirror.variants![name]])),
    });
    expect(Object.keys(query.mirrored!)).toEqual(expect.arrayContaining(['pdq', 'pdqCenter90', 'pdqCenter80', 'pdqLeft90']));
    // The page stores photos without them; a query without the variants has none either.
    expect(perceptualHashes(photo)).not.toHaveProperty('mirrored');
    expect(perceptualHashes(photo, { dihedral: true, variants: false })).not.toHaveProperty('mirrored');
    expect(await imageItem(new Uint8Array([1]), photo, { dihedral: true })).toMatchObject({ mirrored: query.mirrored });
    expect(await imageItem(new Uint8Array([1]), photo)).not.toHaveProperty('mirrored');
  });
});

describe('imageItem digests', () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31) & 255);
  const small = picture(40, 30, 3, 4);

  it('computes MD5 and SHA-256 of the bytes, or takes them already started', async () => {
    const expected = { md5: md5(bytes), sha256: await sha256(bytes) };
    expect(await exactDigests(bytes)).toEqual(expected);
    expect(await imageItem(bytes, small)).toMatchObject(expected);
    expect(await imageItem(bytes, small, { digests: exactDigests(bytes) })).toMatchObject(expected);
  });

  it('reports a pixel error without leaving the started digests unhandled', async () => {
    const broken = { width: 10, height: 10, data: new Uint8Array(7) };
    await expect(imageItem(bytes, broken)).rejects.toThrow(/expected/);
  });
});
