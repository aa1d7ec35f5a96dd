import { describe, expect, it } from 'vitest';
import { areaResize, preResize, preResizeSize, PRE_RESIZE_MAX_SIDE } from './resize.js';

function gradient(width: number, height: number, channels: 3 | 4) {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = c === 3 ? 255 : (x * 7 + y * 3 + c * 50) % 256;
  return { width, height, data };
}

describe('pre-resize policy', () => {
  it('leaves images up to 2048 px on the long side untouched', () => {
    expect(PRE_RESIZE_MAX_SIDE).toBe(2048);
    const small = gradient(2048, 300, 3);
    expect(preResize(small)).toBe(small);
  });
  it('brings the long side to exactly the limit, keeping the aspect ratio', () => {
    expect(preResizeSize(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(preResizeSize(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(preResizeSize(5000, 3, 1024)).toEqual({ width: 1024, height: 1 });
  });
  it('averages exact areas: a 2× shrink is the mean of each 2×2 block', () => {
    const src = { width: 4, height: 2, data: Uint8Array.from([0, 10, 20, 30, 100, 110, 120, 132]) };
    const grey3 = { width: 4, height: 2, data: new Uint8Array(src.data.length * 3) };
    src.data.forEach((v, i) => grey3.data.fill(v, i * 3, i * 3 + 3));
    const out = areaResize(grey3, 2, 1);
    expect(Array.from(out.data)).toEqual([55, 55, 55, 76, 76, 76]); // (0+10+100+110)/4 = 55, (20+30+120+132)/4 = 75.5 → 76
  });
  it('composites transparent pixels on white, never averaging in their hidden colour', () => {
    // black, fully transparent | red, opaque → white | red; half-transparent black → mid grey
    const rgba = { width: 4, height: 2, data: Uint8Array.from([
      0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255,
      0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255,
    ]) };
    expect(Array.from(areaResize(rgba, 2, 1).data)).toEqual([255, 255, 255, 255, 0, 0]);
    const half = { width: 2, height: 2, data: new Uint8Array(16).map((_, i) => (i % 4 === 3 ? 128 : 0)) };
    expect(Array.from(areaResize(half, 1, 1).data)).toEqual([127, 127, 127]);
  });
  it('keeps a flat colour flat at fractional ratios, RGB and RGBA', () => {
    for (const channels of [3, 4] as const) {
      const flat = { width: 1500, height: 1001, data: new Uint8Array(1500 * 1001 * channels).fill(77) };
      if (channels === 4) for (let i = 3; i < flat.data.length; i += 4) flat.data[i] = 255;
      const out = preResize(flat, 1024);
      expect(out.width).toBe(1024);
      expect(out.height).toBe(683);
      expect(out.data.length).toBe(1024 * 683 * 3); // always RGB out
      expect(out.data.every((v) => v === 77)).toBe(true);
    }
  });
});
