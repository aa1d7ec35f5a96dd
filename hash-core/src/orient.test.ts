import { describe, expect, it } from 'vitest';
import type { Orientation } from './exif-orientation.js';
import { orient } from './orient.js';

// A 3×2 image whose pixels are numbered 1..6 (row by row):  1 2 3
//                                                           4 5 6
const W = 3;
const H = 2;

/** What a viewer shows for each orientation, written out by hand from the EXIF definitions. */
const DISPLAYED: Record<Orientation, { width: number; rows: number[][] }> = {
  1: { width: 3, rows: [[1, 2, 3], [4, 5, 6]] },
  2: { width: 3, rows: [[3, 2, 1], [6, 5, 4]] }, // mirrored left–right
  3: { width: 3, rows: [[6, 5, 4], [3, 2, 1]] }, // turned 180°
  4: { width: 3, rows: [[4, 5, 6], [1, 2, 3]] }, // mirrored top–bottom
  5: { width: 2, rows: [[1, 4], [2, 5], [3, 6]] }, // transposed
  6: { width: 2, rows: [[4, 1], [5, 2], [6, 3]] }, // turned 90° clockwise
  7: { width: 2, rows: [[6, 3], [5, 2], [4, 1]] }, // transversed
  8: { width: 2, rows: [[3, 6], [2, 5], [1, 4]] }, // turned 90° anticlockwise
};

function image(channels: 3 | 4, into?: Uint8Array) {
  const data = into ?? new Uint8Array(W * H * channels);
  for (let p = 0; p < W * H; p++) for (let c = 0; c < channels; c++) data[p * channels + c] = (p + 1) * 10 + c;
  return { width: W, height: H, data };
}

function ids(result: { width: number; height: number; data: Uint8Array }, channels: 3 | 4): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < result.height; y++) {
    const row: number[] = [];
    for (let x = 0; x < result.width; x++) {
      const at = (y * result.width + x) * channels;
      const id = result.data[at]! / 10;
      for (let c = 0; c < channels; c++) expect(result.data[at + c]).toBe(id * 10 + c); // channels stay together
      row.push(id);
    }
    rows.push(row);
  }
  return rows;
}

describe('orient', () => {
  describe.each([3, 4] as const)('%i channels', (channels) => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8] as Orientation[])('orientation %i', (o) => {
      const result = orient(image(channels), o);
      expect(result.width).toBe(DISPLAYED[o].width);
      expect(result.height).toBe(DISPLAYED[o].rows.length);
      expect(ids(result, channels)).toEqual(DISPLAYED[o].rows);
    });
  });

  it('handles RGBA that is not 4-byte aligned (the byte-wise path)', () => {
    const backing = new Uint8Array(W * H * 4 + 1);
    const unaligned = backing.subarray(1);
    const result = orient(image(4, unaligned), 6);
    expect(ids(result, 4)).toEqual(DISPLAYED[6].rows);
  });

  it('orientation 1 returns the same bytes without copying', () => {
    const input = image(4);
    expect(orient(input, 1).data).toBe(input.data);
  });

  it('accepts a Uint8ClampedArray (a browser ImageData)', () => {
    const input = image(4);
    const result = orient({ ...input, data: new Uint8ClampedArray(input.data) }, 8);
    expect(result.data).toBeInstanceOf(Uint8Array);
    expect(ids(result, 4)).toEqual(DISPLAYED[8].rows);
  });

  it('undoing each orientation gives back the original', () => {
    const inverse: Record<Orientation, Orientation> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6 };
    const input = image(4);
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8] as Orientation[]) {
      const shown = orient(input, o);
      const back = orient(orient({ width: DISPLAYED[o].width, height: DISPLAYED[o].rows.length, data: shown.data }, inverse[o]), 1);
      expect([back.width, back.height]).toEqual([W, H]);
      expect([...back.data]).toEqual([...input.data]);
    }
  });

  it('refuses an orientation outside 1–8 and a buffer of the wrong size', () => {
    expect(() => orient(image(4), 9 as Orientation)).toThrow(/1 to 8/);
    expect(() => orient(image(4), 0 as Orientation)).toThrow(RangeError);
    expect(() => orient({ width: 3, height: 2, data: new Uint8Array(5) }, 6)).toThrow(/expected/);
  });
});
