/**
 * Sampling PDQ's 64 × 64 grid of a crop from one blurred plane: PDQ blurs then samples cell
 * centres, so the grid of a crop is, to within the blur's edges, a different set of sample points
 * on the same blurred image. One blur then serves every crop, at ~0.15 ms each instead of a whole
 * PDQ (~1.4 ms on a 512 px plane). Crops of 80–100 % get the same blur windows as the whole
 * plane, give or take one. Mirrors and turns read this way found 3–7 % fewer copies: the blur is
 * not symmetric (the box and the cell centres), and a tilt's corners are black. So a mirror is read
 * at mirrored columns only when the box is centred (mirroredSample), and a tilt only inside, where
 * neither the frame's edge nor a corner reaches; warped-grid.ts sums the other cells exactly.
 */
import { decimationIndices, PDQ_GRID } from '../pdq/decimate.js';
import { jaroszWindowSize } from '../pdq/jarosz.js';
import type { Box } from './luma-plane.js';

export interface BlurredPlane {
  readonly width: number;
  readonly height: number;
  /** The plane after PDQ's Jarosz blur (windows for the whole plane). */
  readonly blurred: Float32Array;
}

const grid = new Float32Array(PDQ_GRID * PDQ_GRID);

/** Cell-centre indices along one side of `box` (from `from` to `to`, fractions of `size` pixels), as PDQ samples a crop of that size. */
export function boxIndices(from: number, to: number, size: number): Int32Array {
  const start = Math.round(from * size);
  const span = Math.max(1, Math.round(to * size) - start);
  const index = decimationIndices(span);
  for (let k = 0; k < PDQ_GRID; k++) index[k] += start;
  return index;
}

/** The grid of the region `box`. Returns a shared buffer. */
export function sampleBox(plane: BlurredPlane, box: Box): Float32Array {
  const xs = boxIndices(box.left, box.right, plane.width);
  const ys = boxIndices(box.top, box.bottom, plane.height);
  for (let i = 0; i < PDQ_GRID; i++) {
    const row = ys[i]! * plane.width;
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = plane.blurred[row + xs[j]!]!;
  }
  return grid;
}

/**
 * The grid of the plane mirrored left to right, read from the blur of the plane itself, or null
 * when that is not exact. With an odd window along the rows, PDQ's box is centred (as many pixels
 * each side, cut alike at both edges), so the blur of the mirrored plane is the mirror of the
 * blur: its cell centres are read at the mirrored columns. An even window leans one way, and
 * warped-grid.ts sums the mirrored cells instead. (The same sums in another order: the floats may
 * differ in their last bits.) Returns a shared buffer.
 */
export function mirroredSample(plane: BlurredPlane): Float32Array | null {
  if (jaroszWindowSize(plane.width, PDQ_GRID) % 2 === 0) return null;
  const xs = decimationIndices(plane.width);
  const ys = decimationIndices(plane.height);
  const last = plane.width - 1;
  for (let i = 0; i < PDQ_GRID; i++) {
    const row = ys[i]! * plane.width + last;
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = plane.blurred[row - xs[j]!]!;
  }
  return grid;
}

/** The blurred plane at the point (x, y) (sample coordinates, inside the plane), read bilinearly. */
export function bilinear({ width, height, blurred }: BlurredPlane, x: number, y: number): number {
  const x0 = Math.min(Math.floor(x), width - 2);
  const y0 = Math.min(Math.floor(y), height - 2);
  const [fx, fy] = [x - x0, y - y0];
  const p = y0 * width + x0;
  const upper = blurred[p]! + (blurred[p + 1]! - blurred[p]!) * fx;
  const lower = blurred[p + width]! + (blurred[p + width + 1]! - blurred[p + width]!) * fx;
  return upper + (lower - upper) * fy;
}
