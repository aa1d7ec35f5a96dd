/**
 * blockhash-256 against the blockhash project's own reference hashes (precise method, 16 bits).
 * PNGs decode to identical pixels with any correct decoder, so their hashes must be identical.
 * JPEG decoders legitimately differ in IDCT and chroma upsampling (the reference used another
 * libjpeg build), which moves block means slightly: JPEGs are compared by distance.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { decodeImage } from '../../node/decode.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { texturedPicture } from '../../test-support/pictures.js';
import type { Pixels } from '../../pixels.js';
import { cropPixels } from '../pdq-variants/luma-plane.js';
import { blockhashOfPixelBox } from './blockhash-box.js';
import { blockhash256, blockhashTransitions, isUniformBlockhash, mirrorBlockhash } from './blockhash.js';
import { BLOCKHASH_MIN_TRANSITIONS, blockhashSignal, detailedBlockhash } from './signal.js';

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

describe('a uniform picture\'s blockhash', () => {
  const uniform = (r: number, g: number, b: number, width = 120, height = 90) => {
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < data.length; i += 3) data.set([r, g, b], i);
    return { width, height, data };
  };

  it('is the same for every dark or every light uniform picture, and is never matchable', () => {
    const dark = [uniform(0, 0, 0), uniform(20, 25, 30), uniform(90, 10, 60, 333, 250)].map(blockhash256);
    const light = [uniform(255, 255, 255), uniform(200, 220, 240)].map(blockhash256);
    expect(new Set(dark)).toEqual(new Set(['0'.repeat(64)]));
    expect(new Set(light)).toEqual(new Set(['f'.repeat(64)]));
    for (const hash of [...dark, ...light]) expect(blockhashSignal.matchable!(hash)).toBe(false);
  });

  it('is told from a photo\'s, even one with a flat half, which stays matchable', () => {
    const photo = texturedPicture(160, 120, 3);
    const halfFlat = { ...photo, data: Uint8Array.from(photo.data).fill(0, 0, photo.data.length / 2) };
    for (const hash of [photo, halfFlat].map(blockhash256)) {
      expect(isUniformBlockhash(hash), hash).toBe(false);
      expect(blockhashSignal.matchable!(hash)).toBe(true);
    }
    expect(blockhashSignal.matchable!(blockhashSignal.examples.valid[0]!)).toBe(true);
  });
});

describe('how much layout a blockhash holds', () => {
  /** A 16 × 16 grid of bits, row by row, as 64 hex digits. */
  const grid = (bit: (x: number, y: number) => boolean) => {
    let hex = '';
    for (let i = 0; i < 256; i += 4) {
      let nibble = 0;
      for (let k = 0; k < 4; k++) nibble = (nibble << 1) | (bit((i + k) % 16, Math.floor((i + k) / 16)) ? 1 : 0);
      hex += nibble.toString(16);
    }
    return hex;
  };

  it('counts the boundaries between neighbouring blocks, across and down', () => {
    expect(blockhashTransitions('0'.repeat(64))).toBe(0);
    expect(blockhashTransitions(grid((_, y) => y < 8))).toBe(16); // a bright sky over a dark ground
    expect(blockhashTransitions(grid((x) => x < 5))).toBe(16);
    expect(blockhashTransitions(grid((x, y) => (x + y) % 2 === 0))).toBe(480);
    expect(blockhashTransitions(grid((x, y) => x >= 4 && x < 12 && y >= 4 && y < 12))).toBe(32); // a centred square
  });

  it('calls a coarse layout coarse, and a textured photo detailed', () => {
    expect(detailedBlockhash(grid((x, y) => (x - 8) ** 2 + (y - 8) ** 2 < 30))).toBe(false); // a disc on a plain ground
    expect(detailedBlockhash(grid((_, y) => y < 8))).toBe(false);
    // Broad waves are a coarse layout too; patches of texture of a few blocks each are not.
    expect(detailedBlockhash(blockhash256(texturedPicture(160, 120, 3)))).toBe(false);
    const patches = { width: 160, height: 160, data: new Uint8Array(160 * 160 * 3) };
    let state = 7;
    const shade = Array.from({ length: 64 }, () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24));
    for (let y = 0; y < 160; y++) for (let x = 0; x < 160; x++) patches.data.fill(shade[Math.floor(y / 20) * 8 + Math.floor(x / 20)]!, (y * 160 + x) * 3, (y * 160 + x) * 3 + 3);
    const photo = blockhash256(patches);
    expect(blockhashTransitions(photo)).toBeGreaterThanOrEqual(BLOCKHASH_MIN_TRANSITIONS);
    expect(detailedBlockhash(photo)).toBe(true);
  });
});

/** The same pixels mirrored left to right. */
function mirrorPixels({ width, height, data }: Pixels): Pixels {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) out.set(data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3), (y * width + width - 1 - x) * 3);
  }
  return { width, height, data: out };
}

describe('the blockhash of a mirrored picture', () => {
  it.each([
    [256, 192],
    [301, 217], // blocks with fractional edges
  ])('is the blockhash of the picture with its rows reversed (%i × %i)', (width, height) => {
    for (const seed of [1, 2]) {
      const picture = texturedPicture(width, height, seed);
      const mirrored = blockhash256(mirrorPixels(picture));
      expect(mirrored).not.toBe(blockhash256(picture));
      expect(mirrorBlockhash(blockhash256(picture))).toBe(mirrored);
    }
  });

  it('mirrors back to itself, and keeps how much layout it holds', () => {
    const hash = blockhash256(texturedPicture(200, 150, 3));
    expect(mirrorBlockhash(mirrorBlockhash(hash))).toBe(hash);
    expect(blockhashTransitions(mirrorBlockhash(hash))).toBe(blockhashTransitions(hash));
    expect(mirrorBlockhash('8000' + '0'.repeat(60))).toBe('0001' + '0'.repeat(60));
  });
});

describe('the blockhash of a box of a picture', () => {
  it.each([
    [256, 192, { x0: 0, y0: 0, x1: 256, y1: 192 }],
    [640, 480, { x0: 32, y0: 48, x1: 595, y1: 422 }],
    [301, 217, { x0: 17, y0: 5, x1: 282, y1: 174 }],
    [900, 700, { x0: 250, y0: 100, x1: 430, y1: 613 }],
  ])('is bmvbhash of the box cut out (%i × %i)', (width, height, box) => {
    const picture = texturedPicture(width, height, width);
    const cut = cropPixels(picture, { left: box.x0 / width, top: box.y0 / height, right: box.x1 / width, bottom: box.y1 / height });
    expect(blockhashOfPixelBox(picture, box)).toBe(blockhash256(cut));
  });

  it('counts a fully transparent pixel as white, as bmvbhash does', () => {
    const { width, height, data } = texturedPicture(200, 150, 9);
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!, i % 7 === 0 ? 0 : 255], i * 4);
    const picture = { width, height, data: rgba };
    const box = { x0: 10, y0: 20, x1: 170, y1: 141 };
    expect(blockhashOfPixelBox(picture, box)).toBe(blockhash256(cropPixels(picture, { left: 10 / 200, top: 20 / 150, right: 170 / 200, bottom: 141 / 150 })));
  });
});
