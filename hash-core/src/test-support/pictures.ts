/**
 * Synthetic pictures for tests that need photo-like content without files: smooth shapes plus
 * fine texture (PDQ quality 100, no flat row or column), and the same placed on a flat canvas.
 */
import type { Pixels } from '../pixels.js';

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
