import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Pixels } from '../../pixels.js';
import { describeWithShared, readTsv, sharedPath } from '../../test-support/shared.js';
import { dct64To16 } from './dct.js';
import { hashHexOfDct } from './hash-bits.js';
import { PDQ_DIHEDRAL_NAMES, pdq, pdqDihedral, pdqFromLuma } from './index.js';
import { lumaFromPixels } from './luma.js';

const ZERO = '0'.repeat(64);

function readPng(file: string): Pixels {
  const png = PNG.sync.read(readFileSync(sharedPath('reference/pdq/png', file)));
  return { width: png.width, height: png.height, data: png.data };
}

function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    for (; x !== 0; x &= x - 1) d++;
  }
  return d;
}

/** Seeded LCG so failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** A smooth-ish RGB test image (random blobs), so hashes have real structure and quality. */
function blobImage(width: number, height: number, seed: number): Pixels {
  const noise = randomBytes(width * height * 3, seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const base = 128 + 90 * Math.sin(x / 7 + seed) * Math.cos(y / 11 - seed);
      for (let c = 0; c < 3; c++) data[o + c] = Math.max(0, Math.min(255, Math.round(base + (noise[o + c]! - 128) / 8 + c * 10)));
    }
  }
  return { width, height, data };
}

/**
 * The pixel-space transform for each name of PDQ_DIHEDRAL_NAMES: new (row, col) ← source (row, col)
 * for a `w × h` source; `swap` when the result is `h × w`.
 */
const TRANSFORMS: Record<string, { swap: boolean; from: (r: number, c: number, w: number, h: number) => [number, number] }> = {
  original: { swap: false, from: (r, c) => [r, c] },
  rot90: { swap: true, from: (r, c, w) => [c, w - 1 - r] }, // counter-clockwise
  rot180: { swap: false, from: (r, c, w, h) => [h - 1 - r, w - 1 - c] },
  rot270: { swap: true, from: (r, c, _w, h) => [h - 1 - c, r] }, // clockwise
  flipX: { swap: false, from: (r, c, _w, h) => [h - 1 - r, c] }, // top ↔ bottom
  flipY: { swap: false, from: (r, c, w) => [r, w - 1 - c] }, // left ↔ right
  flipPlus1: { swap: true, from: (r, c) => [c, r] }, // main diagonal
  flipMinus1: { swap: true, from: (r, c, w, h) => [h - 1 - c, w - 1 - r] }, // anti-diagonal
};

function transform(pixels: Pixels, name: string): Pixels {
  const { swap, from } = TRANSFORMS[name]!;
  const ch = pixels.data.length / (pixels.width * pixels.height);
  const width = swap ? pixels.height : pixels.width;
  const height = swap ? pixels.width : pixels.height;
  const data = new Uint8Array(pixels.data.length);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const [sr, sc] = from(r, c, pixels.width, pixels.height);
      const src = (sr * pixels.width + sc) * ch;
      data.set(pixels.data.subarray(src, src + ch), (r * width + c) * ch);
    }
  }
  return { width, height, data };
}

describeWithShared('PDQ against the C++ reference on identical pixels (png.tsv)', () => {
  const rows = readTsv(sharedPath('reference/pdq/png.tsv'));
  const columns = ['pdq', 'rot90', 'rot180', 'rot270', 'flipX', 'flipY', 'flipPlus1', 'flipMinus1'] as const;

  it('covers all 180 reference images', () => {
    expect(rows.length).toBe(180);
  });

  it('gives the identical hash, quality and 8 dihedral hashes for every image', () => {
    const mismatches: string[] = [];
    for (const row of rows) {
      const pixels = readPng(row.file!);
      const plain = pdq(pixels);
      const all = pdqDihedral(pixels);
      const wrong: string[] = [];
      if (plain.hash !== row.pdq) wrong.push(`pdq ${plain.hash} ≠ ${row.pdq}`);
      if (String(plain.quality) !== row.quality) wrong.push(`quality ${plain.quality} ≠ ${row.quality}`);
      if (all.hash !== row.pdq) wrong.push('pdqDihedral().hash');
      if (all.quality !== plain.quality) wrong.push('pdqDihedral().quality');
      columns.forEach((column, k) => {
        if (all.dihedral[k] !== row[column]) wrong.push(`${column} ${all.dihedral[k]} ≠ ${row[column]}`);
      });
      if (wrong.length > 0) mismatches.push(`${row.file}: ${wrong.join('; ')}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describeWithShared('PDQ dihedral hashes correspond to rotating or mirroring the pixels', () => {
  // The DCT sign flips are exact, but the blur and decimation are not mirror-symmetric (even box
  // widths, sampling phase, float summation order): for most images a variant is a few to ~40 bits
  // from hashing the turned pixels. For 0099 (320×317) and 0100 (280×360) it is exact for all 8.
  it.each(['0099.png', '0100.png'])('%s: every variant equals pdq of the transformed pixels', (file) => {
    const pixels = readPng(file);
    const { dihedral } = pdqDihedral(pixels);
    const actual = PDQ_DIHEDRAL_NAMES.map((name) => pdq(transform(pixels, name)).hash);
    expect(actual).toEqual(dihedral);
  });

  it.each(['0001.png', '0002.png', '0004.png', '0117.png', '0166.png'])(
    '%s: each transformed image is nearest to its own variant (order and names)',
    (file) => {
      const pixels = readPng(file);
      const { dihedral } = pdqDihedral(pixels);
      for (const [k, name] of PDQ_DIHEDRAL_NAMES.entries()) {
        const hash = pdq(transform(pixels, name)).hash;
        const distances = dihedral.map((variant) => hamming(variant, hash));
        const others = distances.filter((_, j) => j !== k);
        expect({ name, nearest: distances[k]! < Math.min(...others) }).toEqual({ name, nearest: true });
      }
    },
  );
});

describe('PDQ edge cases', () => {
  it('gives an all-zero hash and quality 0 below 5 px on a side', () => {
    for (const [width, height] of [[4, 100], [100, 4], [0, 0], [1, 1]] as const) {
      const pixels = { width, height, data: randomBytes(width * height * 3, 7) };
      expect(pdq(pixels)).toEqual({ hash: ZERO, quality: 0 });
      const all = pdqDihedral(pixels);
      expect(all).toEqual({ hash: ZERO, quality: 0, dihedral: Array(8).fill(ZERO) });
      expect(pdqFromLuma(new Float32Array(width * height), width, height)).toEqual({ hash: ZERO, quality: 0 });
    }
  });

  it('hashes an image of exactly 5 px on a side', () => {
    const result = pdq(blobImage(5, 5, 3));
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.hash).not.toBe(ZERO);
  });

  it('hashes a 64×64 image without the blur, straight from its luma', () => {
    const pixels = blobImage(64, 64, 5);
    const luma = new Float32Array(64 * 64);
    lumaFromPixels(pixels, luma);
    const dct = new Float32Array(256);
    dct64To16(luma, new Float32Array(16 * 64), dct);
    const result = pdq(pixels);
    expect(result.hash).toBe(hashHexOfDct(dct));
    expect(result.quality).toBeGreaterThan(0);
    const all = pdqDihedral(pixels);
    expect(all.hash).toBe(result.hash);
    expect(all.dihedral[0]).toBe(result.hash);
    expect(all.quality).toBe(result.quality);
  });

  it('composites alpha on white: fully transparent pixels hash as white', () => {
    const { width, height, data: rgb } = blobImage(97, 71, 11);
    const rgba = new Uint8Array(width * height * 4);
    const white = new Uint8Array(rgb);
    const junk = randomBytes(width * height * 3, 99);
    for (let p = 0; p < width * height; p++) {
      const transparent = (p % width) < 30 || p % 7 === 0;
      for (let c = 0; c < 3; c++) {
        rgba[p * 4 + c] = transparent ? junk[p * 3 + c]! : rgb[p * 3 + c]!;
        if (transparent) white[p * 3 + c] = 255;
      }
      rgba[p * 4 + 3] = transparent ? 0 : 255;
    }
    const expected = pdq({ width, height, data: white });
    expect(pdq({ width, height, data: rgba })).toEqual(expected);
    expect(pdqDihedral({ width, height, data: rgba }).hash).toBe(expected.hash);
  });

  it('reads opaque RGBA exactly like RGB', () => {
    const rgb = blobImage(120, 90, 13);
    const rgba = new Uint8Array(120 * 90 * 4).fill(255);
    for (let p = 0; p < 120 * 90; p++) rgba.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
    expect(pdq({ width: 120, height: 90, data: rgba })).toEqual(pdq(rgb));
  });

  it('pdqFromLuma matches pdq and leaves its input untouched', () => {
    for (const [width, height] of [[300, 200], [64, 64], [37, 500]] as const) {
      const pixels = blobImage(width, height, width);
      const luma = new Float32Array(width * height);
      lumaFromPixels(pixels, luma);
      const copy = new Float32Array(luma);
      expect(pdqFromLuma(luma, width, height)).toEqual(pdq(pixels));
      expect(luma).toEqual(copy);
    }
  });

  it('gives the same result when called again, or after a call of another size (scratch reuse)', () => {
    const big = blobImage(640, 480, 1);
    const small = blobImage(90, 120, 2);
    const first = pdqDihedral(big);
    pdq(small);
    expect(pdqDihedral(big)).toEqual(first);
    expect(pdq(big).hash).toBe(first.hash);
  });

  it('rejects a buffer whose size fits neither RGB nor RGBA', () => {
    expect(() => pdq({ width: 10, height: 10, data: new Uint8Array(299) })).toThrow(/RGB/);
  });
});
