/**
 * blockhash-256 against the blockhash project's own reference hashes (precise method, 16 bits).
 * PNGs decode to identical pixels with any correct decoder, so their hashes must be identical.
 * JPEG decoders legitimately differ in IDCT and chroma upsampling (the reference used another
 * libjpeg build), which moves block means slightly: JPEGs are compared by distance.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { decodeImage } from '../../node/decode.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { blockhash256 } from './blockhash.js';

const JPEG_MAX_BITS = 8;

function referenceHashes(): { file: string; hash: string }[] {
  return readFileSync(sharedPath('reference/blockhash/exact-hashes.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [hash, file] = line.split(/\s+/);
      return { hash: hash!, file: file! };
    });
}

describeWithShared('blockhash-256 reference vectors', () => {
  it('PNGs (identical pixels): identical hashes, transparency counted as white', async () => {
    const pngs = referenceHashes().filter((r) => r.file.endsWith('.png'));
    expect(pngs.length).toBe(3);
    for (const { file, hash } of pngs) {
      const pixels = await decodeImage(readFileSync(sharedPath('reference/blockhash/images', file)));
      expect({ file, hash: blockhash256(pixels) }).toEqual({ file, hash });
    }
  });

  it(`JPEGs (decoders differ): within ${JPEG_MAX_BITS} of 256 bits`, async () => {
    const jpegs = referenceHashes().filter((r) => r.file.endsWith('.jpg'));
    expect(jpegs.length).toBe(14);
    const far: string[] = [];
    for (const { file, hash } of jpegs) {
      const pixels = await decodeImage(readFileSync(sharedPath('reference/blockhash/images', file)));
      const distance = hamming(blockhash256(pixels), hash);
      if (distance > JPEG_MAX_BITS) far.push(`${file}: ${distance}`);
    }
    expect(far).toEqual([]);
  });
});

it('hashes RGB input like the same pixels as opaque RGBA', () => {
  const rgb = Uint8Array.from({ length: 40 * 30 * 3 }, (_, i) => (i * 37) % 251);
  const rgba = new Uint8Array(40 * 30 * 4);
  for (let p = 0; p < 40 * 30; p++) rgba.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
  const hash = blockhash256({ width: 40, height: 30, data: rgb });
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hash).toBe(blockhash256({ width: 40, height: 30, data: rgba }));
});
