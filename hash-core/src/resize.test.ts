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
  it('leaves images up to 1024 px on the long side untouched', () => {
    const small = gradient(1024, 300, 3);
    expect(preResize(small)).toBe(small);
  });
  it('brings the long side to exactly 1024 px, keeping the aspect ratio', () => {
    expect(preResizeSize(4000, 3000)).toEqual({ width: 1024, height: 768 });
    expect(preResizeSize(3000, 4000)).toEqual({ width: 768, height: 1024 });
    expect(preResizeSize(5000, 3)).toEqual({ width: 1024, height: 1 });
    expect(PRE_RESIZE_MAX_SIDE).toBe(1024);
  });
  it('averages exact areas: a 2× shrink is the mean of each 2×2 block', () => {
    const src = { width: 4, height: 2, data: Uint8Array.from([0, 10, 20, 30, 100, 110, 120, 132]) };
    const grey3 = { width: 4, height: 2, data: new Uint8Array(src.data.length * 3) };
    src.data.forEach((v, i) => grey3.data.fill(v, i * 3, i * 3 + 3));
    const out = areaResize(grey3, 2, 1);
    expect(Array.from(out.data)).toEqual([55, 55, 55, 76, 76, 76]); // (0+10+100+110)/4 = 55, (20+30+120+132)/4 = 75.5 → 76
  });
  it('keeps a flat colour flat at fractional ratios, RGB and RGBA', () => {
    for (const channels of [3, 4] as const) {
      const flat = { width: 1500, height: 1001, data: new Uint8Array(1500 * 1001 * channels).fill(77) };
      const out = preResize(flat);
      expect(out.width).toBe(1024);
      expect(out.height).toBe(683);
      expect(out.data.length).toBe(1024 * 683 * channels);
      expect(out.data.every((v) => v === 77)).toBe(true);
    }
  });
});
