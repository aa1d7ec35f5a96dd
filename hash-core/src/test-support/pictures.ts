/**
 * Synthetic pictures for tests that need photo-like content without files: smooth shapes plus
 * fine texture (PDQ quality 100, no flat row or column), and the same placed on a flat canvas.
 */
import type { Pixels } from '../pixels.js';
import { centredBox, cropPixels } from '../signals/pdq-variants/luma-plane.js';
import { largestUprightKeep } from '../signals/pdq-variants/turned-crop.js';

/** A textured RGB picture, `width × height`; each `seed` gives different shapes (random waves). */
export function texturedPicture(width: number, height: number, seed = 1): Pixels {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  // Three broad waves of random direction, frequency and phase, plus a fine ripple.
  const waves = Array.from({ length: 3 }, () => ({ fx: (random() - 0.5) * 24, fy: (random() - 0.5) * 24, phase: random() * 6.3 }));
  const fine = 5 + random() * 4;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 128 + 12 * Math.sin((x + 2 * y) / fine);
      for (const w of waves) v += 30 * Math.sin((w.fx * x) / width + (w.fy * y) / height + w.phase);
      data.set([v, 0.8 * v, 255 - v], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** RGB `inner` placed at (left, top) on a `width × height` canvas of one colour. */
export function framed(inner: Pixels, width: number, height: number, left: number, top: number, colour: readonly [number, number, number]): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(colour, i * 3);
  for (let y = 0; y < inner.height; y++) data.set(inner.data.subarray(y * inner.width * 3, (y + 1) * inner.width * 3), ((top + y) * width + left) * 3);
  return { width, height, data };
}

/**
 * `pixels` (RGB or RGBA) turned `degrees` clockwise about its centre on a canvas of `colour`
 * (bilinear): the same size, its corners cut (ImageMagick's `-distort SRT`), or grown to hold the
 * whole picture.
 */
export function turnedPixels(pixels: Pixels, degrees: number, { grow = false, colour = [0, 0, 0] as readonly [number, number, number] } = {}): Pixels {
  const channels = pixels.data.length / (pixels.width * pixels.height);
  const fill = channels === 4 ? [...colour, 255] : colour;
  const angle = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const width = grow ? Math.ceil(pixels.width * Math.abs(cos) + pixels.height * Math.abs(sin)) : pixels.width;
  const height = grow ? Math.ceil(pixels.width * Math.abs(sin) + pixels.height * Math.abs(cos)) : pixels.height;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The canvas point turned back onto the picture (pixel centres at + 0.5).
      const [dx, dy] = [x + 0.5 - width / 2, y + 0.5 - height / 2];
      const sx = dx * cos + dy * sin + pixels.width / 2 - 0.5;
      const sy = -dx * sin + dy * cos + pixels.height / 2 - 0.5;
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const out = (y * width + x) * channels;
      if (x0 < 0 || y0 < 0 || x0 + 1 >= pixels.width || y0 + 1 >= pixels.height) {
        data.set(fill, out);
        continue;
      }
      const [fx, fy] = [sx - x0, sy - y0];
      for (let c = 0; c < channels; c++) {
        const at = (px: number, py: number) => pixels.data[(py * pixels.width + px) * channels + c]!;
        const upper = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
        const lower = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
        data[out + c] = Math.round(upper + (lower - upper) * fy);
      }
    }
  }
  return { width, height, data };
}

/**
 * `pixels` as an editor's straighten leaves them: turned `degrees` clockwise, then cut to the
 * largest upright rectangle of their shape, centred (no corner left).
 */
export function straightenedPixels(pixels: Pixels, degrees: number): Pixels {
  return cropPixels(turnedPixels(pixels, degrees), centredBox(largestUprightKeep(degrees, pixels.width, pixels.height)));
}
