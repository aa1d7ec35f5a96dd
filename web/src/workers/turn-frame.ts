/**
 * A decoded frame turned as a player shows it: phone videos are stored sideways with a rotation
 * in their header (90° for a portrait clip), and WebCodecs' copyTo gives the stored pixels.
 * ffmpeg (the CLI and the wasm fallback) applies the rotation too, so all paths hash the same way.
 */
import type { Pixels } from '@disrupt/hash-core';

export type Rotation = 0 | 90 | 180 | 270;

/** RGBA pixels turned `rotation` degrees clockwise, then mirrored left–right when `flip`. A new buffer unless nothing changes. */
export function turnFrame(pixels: Pixels & { data: Uint8Array }, rotation: Rotation, flip: boolean): Pixels {
  if (rotation === 0 && !flip) return pixels;
  const { width: w, height: h } = pixels;
  const swap = rotation === 90 || rotation === 270;
  const outW = swap ? h : w;
  const outH = swap ? w : h;
  const from = new Uint32Array(pixels.data.buffer, pixels.data.byteOffset, w * h);
  const to = new Uint32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let tx: number;
      let ty: number;
      if (rotation === 90) [tx, ty] = [h - 1 - y, x];
      else if (rotation === 180) [tx, ty] = [w - 1 - x, h - 1 - y];
      else if (rotation === 270) [tx, ty] = [y, w - 1 - x];
      else [tx, ty] = [x, y];
      if (flip) tx = outW - 1 - tx;
      to[ty * outW + tx] = from[y * w + x]!;
    }
  }
  return { width: outW, height: outH, data: new Uint8Array(to.buffer) };
}
