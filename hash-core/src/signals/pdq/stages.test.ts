import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { dct64To16, dct64To16Folded } from './dct.js';
import { blurAndDecimate, decimationIndices } from './decimate.js';
import { dihedralDct } from './dihedral.js';
import { hashHexOfDct } from './hash-bits.js';
import { boxAlongCols, boxAlongRows, jaroszWindowSize } from './jarosz.js';
import { lumaFromPixels } from './luma.js';
import { qualityOf } from './quality.js';
import { torbenMedian } from './torben.js';

const fround = Math.fround;

// ---------------------------------------------------------------------------------------------
// A literal port of the reference's downscaling.cpp (one vector at a time, strides, real float
// division): the oracle for our interleaved and fused passes.

function literalBox1D(input: Float32Array, inStart: number, output: Float32Array, length: number, stride: number, window: number): void {
  const half = Math.trunc((window + 2) / 2);
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = length - window;
  const phase4 = half - 1;
  let li = inStart;
  let ri = inStart;
  let oi = inStart;
  let sum = 0;
  let size = 0;
  for (let i = 0; i < phase1; i++) {
    sum = fround(sum + input[ri]!);
    size++;
    ri += stride;
  }
  for (let i = 0; i < phase2; i++) {
    sum = fround(sum + input[ri]!);
    size++;
    output[oi] = fround(sum / size);
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase3; i++) {
    sum = fround(sum + input[ri]!);
    sum = fround(sum - input[li]!);
    output[oi] = fround(sum / size);
    li += stride;
    ri += stride;
    oi += stride;
  }
  for (let i = 0; i < phase4; i++) {
    sum = fround(sum - input[li]!);
    size--;
    output[oi] = fround(sum / size);
    li += stride;
    oi += stride;
  }
}

/** jaroszFilterFloat (2 passes, in place on `buffer1`) then decimateFloat to 64 × 64. */
function literalDownsample(luma: Float32Array, rows: number, cols: number): Float32Array {
  const buffer1 = new Float32Array(luma);
  const buffer2 = new Float32Array(rows * cols);
  const alongRows = Math.trunc((cols + 127) / 128);
  const alongCols = Math.trunc((rows + 127) / 128);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < rows; i++) literalBox1D(buffer1, i * cols, buffer2, cols, 1, alongRows);
    for (let j = 0; j < cols; j++) literalBox1D(buffer2, j, buffer1, rows, cols, alongCols);
  }
  const out = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    const ini = Math.trunc(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++) out[i * 64 + j] = buffer1[ini * cols + Math.trunc(((j + 0.5) * cols) / 64)]!;
  }
  return out;
}

/** Float luma with fractional parts (like real luma), so every float rounding is exercised. */
function randomLuma(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 255;
  }
  return out;
}

function ourDownsample(luma: Float32Array, width: number, height: number): Float32Array {
  const out = new Float32Array(64 * 64);
  const wide = Math.max(width, 64);
  const scratch = { a: new Float32Array(width * height), b: new Float32Array(wide * height), line: new Float32Array(4 * wide) };
  blurAndDecimate(luma, width, height, scratch, out);
  return out;
}

function firstDifference(a: Float32Array, b: Float32Array): string | null {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `index ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

describe('PDQ blur and decimation match a literal port of the reference', () => {
  const sizes: [number, number][] = [
    [5, 5], [5, 300], [300, 5], [7, 64], [63, 64], [64, 63], [65, 65], [100, 37], [127, 129],
    [128, 128], [129, 127], [255, 256], [333, 250], [384, 288], [511, 1023], [1030, 20],
  ];

  it.each(sizes)('%i×%i: identical 64×64 floats', (width, height) => {
    const luma = randomLuma(width * height, width * 7919 + height);
    expect(firstDifference(ourDownsample(luma, width, height), literalDownsample(luma, height, width))).toBeNull();
  });

  it('does not modify the luma it reads', () => {
    const luma = randomLuma(200 * 150, 1);
    const copy = new Float32Array(luma);
    ourDownsample(luma, 200, 150);
    expect(luma).toEqual(copy);
  });

  it('full-image box passes equal the literal ones', () => {
    const [rows, cols] = [203, 517];
    const luma = randomLuma(rows * cols, 3);
    const ours = new Float32Array(rows * cols);
    const literal = new Float32Array(rows * cols);
    boxAlongRows(luma, ours, rows, cols, 5);
    for (let i = 0; i < rows; i++) literalBox1D(luma, i * cols, literal, cols, 1, 5);
    expect(firstDifference(ours, literal)).toBeNull();
    boxAlongCols(luma, ours, rows, cols, 4, new Float32Array(cols));
    for (let j = 0; j < cols; j++) literalBox1D(luma, j, literal, rows, cols, 4);
    expect(firstDifference(ours, literal)).toBeNull();
  });

  it('window sizes and decimation indices follow the reference formulas', () => {
    expect([5, 64, 128, 129, 256, 257, 384, 1024].map((n) => jaroszWindowSize(n, 64))).toEqual([1, 1, 1, 2, 2, 3, 3, 8]);
    expect(Array.from(decimationIndices(320).slice(0, 4))).toEqual([2, 7, 12, 17]);
    expect(Array.from(decimationIndices(5).slice(0, 8))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(decimationIndices(5)[63]).toBe(4);
  });
});

describe('the folded DCT of the PDQ variants', () => {
  it('gives the reference DCT\'s coefficients to float rounding, and its bits, on smooth and noisy grids', () => {
    const reference = new Float32Array(256);
    const folded = new Float32Array(256);
    for (let seed = 1; seed <= 40; seed++) {
      const noise = randomLuma(64 * 64, seed);
      const grid = noise.map((v, i) => (seed % 2 ? v : 128 + 80 * Math.sin((i % 64) / (3 + seed)) + 60 * Math.cos(Math.floor(i / 64) / (2 + seed)) + v / 16));
      dct64To16(grid, new Float32Array(16 * 64), reference);
      dct64To16Folded(grid, folded);
      const scale = Math.max(...reference.map(Math.abs));
      reference.forEach((v, i) => expect(Math.abs(v - folded[i]!), `seed ${seed}, coefficient ${i}`).toBeLessThan(1e-4 * scale));
      expect(hashHexOfDct(folded)).toBe(hashHexOfDct(reference));
    }
  });
});

describe('PDQ median and dihedral helpers', () => {
  it('torben returns the lower middle value of an even count, like the reference', () => {
    const values = Float32Array.from({ length: 256 }, (_, i) => (i * 37) % 256);
    expect(torbenMedian(values)).toBe(127);
  });

  it('rot90 four times, and each mirror twice, give back the original DCT', () => {
    const dct = randomLuma(256, 5).map((v) => v - 128);
    const a = new Float32Array(256);
    const b = new Float32Array(256);
    dihedralDct(1, dct, a);
    dihedralDct(1, a, b);
    dihedralDct(1, b, a);
    dihedralDct(1, a, b);
    expect(b).toEqual(dct);
    for (const k of [2, 4, 5, 6, 7]) {
      dihedralDct(k, dct, a);
      dihedralDct(k, a, b);
      expect(b).toEqual(dct);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The reference's intermediate values for three PNGs, printed with 9 significant digits: enough to
// identify a float32 exactly, so every stage is compared for exact equality.

interface StageDump {
  width: number;
  height: number;
  lumaFirst8: number[];
  windows: [number, number];
  jaroszFirst8: number[];
  grid: number[];
  quality: number;
  dct: number[];
  median: number;
  hash: string;
}

function readStageDump(id: string): StageDump {
  const lines = readFileSync(sharedPath('reference/pdq/stages', `${id}.txt`), 'utf8').split('\n');
  const at = (label: string): number => lines.findIndex((l) => l.split(' ')[0] === label);
  const words = (i: number): string[] => lines[i]!.trim().split(/\s+/);
  const floats = (from: number, count: number): number[] => lines.slice(from, from + count).flatMap((l) => l.trim().split(/\s+/).map(Number));
  const size = words(at('size'));
  const windows = words(at('window_along_rows'));
  return {
    width: Number(size[1]),
    height: Number(size[2]),
    lumaFirst8: words(at('luma_first8')).slice(1).map(Number),
    windows: [Number(windows[1]), Number(windows[3])],
    jaroszFirst8: words(at('jarosz_first8')).slice(1).map(Number),
    grid: floats(at('decimated64x64') + 1, 64),
    quality: Number(words(at('quality'))[1]),
    dct: floats(at('dct16x16') + 1, 16),
    median: Number(words(at('median'))[1]),
    hash: words(at('hash'))[1]!,
  };
}

describeWithShared('PDQ stages equal the reference dumps', () => {
  describe.each(['0001', '0002', '0004'])('%s.png', (id) => {
    const dump = readStageDump(id);
    const png = PNG.sync.read(readFileSync(sharedPath('reference/pdq/png', `${id}.png`)));
    const { width, height } = png;
    const luma = new Float32Array(width * height);
    lumaFromPixels({ width, height, data: png.data }, luma);
    const grid = ourDownsample(luma, width, height);
    const dct = new Float32Array(256);
    dct64To16(grid, new Float32Array(16 * 64), dct);
    const asFloats = (values: number[]): Float32Array => Float32Array.from(values.map(fround));

    it('size, luma and window sizes', () => {
      expect([width, height]).toEqual([dump.width, dump.height]);
      expect(luma.slice(0, 8)).toEqual(asFloats(dump.lumaFirst8));
      expect([jaroszWindowSize(width, 64), jaroszWindowSize(height, 64)]).toEqual(dump.windows);
    });

    it('blurred image (first 8 values, full-image passes)', () => {
      const a = new Float32Array(luma);
      const b = new Float32Array(width * height);
      const sums = new Float32Array(width);
      for (let pass = 0; pass < 2; pass++) {
        boxAlongRows(a, b, height, width, dump.windows[0]);
        boxAlongCols(b, a, height, width, dump.windows[1], sums);
      }
      expect(a.slice(0, 8)).toEqual(asFloats(dump.jaroszFirst8));
    });

    it('64×64 after decimation, quality', () => {
      expect(firstDifference(grid, asFloats(dump.grid))).toBeNull();
      expect(qualityOf(grid)).toBe(dump.quality);
    });

    it('16×16 DCT, median, hash', () => {
      expect(firstDifference(dct, asFloats(dump.dct))).toBeNull();
      expect(torbenMedian(dct)).toBe(fround(dump.median));
      expect(hashHexOfDct(dct)).toBe(dump.hash);
    });
  });
});
