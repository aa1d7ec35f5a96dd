/**
 * PDQ's 64 × 64 grid of the plane turned a little or mirrored, without making the turned or
 * mirrored plane: PDQ blurs the whole image (Jarosz: a box along rows then columns, twice) and
 * keeps 64 × 64 cell centres, so each cell is a fixed weighted sum of at most 7 × 7 pixels around
 * it (the two boxes, shortened at the frame's edges as PDQ does). Reading those pixels of the
 * turned plane straight from the plane costs about a tenth of turning it and blurring the result.
 *
 * The same sums as PDQ of the turned plane, in another order: the floats differ in their last bits
 * and a hash bit may flip where a coefficient sits on the median. Deterministic all the same: plain
 * JavaScript arithmetic, the same in every engine.
 */
import { decimationIndices, PDQ_GRID } from '../pdq/decimate.js';
import { jaroszWindowSize } from '../pdq/jarosz.js';
import type { LumaPlane } from './luma-plane.js';

/** The pixels (and their weights) that PDQ's two box passes sum into each sampled cell, along one side. */
interface CellWeights {
  readonly first: Int32Array; // first pixel of each cell's support
  readonly count: Int32Array; // pixels in the support
  readonly weights: Float64Array; // PDQ_GRID × stride
  readonly stride: number;
}

const cache = new Map<number, CellWeights>();

function cellWeights(length: number): CellWeights {
  const known = cache.get(length);
  if (known) return known;
  const window = jaroszWindowSize(length, PDQ_GRID);
  const lead = ((window + 2) >> 1) - 1; // as the reference's box: [o − (window − 1 − lead), o + lead]
  const from = (o: number) => Math.max(0, o - (window - 1 - lead));
  const to = (o: number) => Math.min(length - 1, o + lead);
  const stride = 2 * window - 1;
  const first = new Int32Array(PDQ_GRID);
  const count = new Int32Array(PDQ_GRID);
  const weights = new Float64Array(PDQ_GRID * stride);
  const centres = decimationIndices(length);
  for (let k = 0; k < PDQ_GRID; k++) {
    const o = centres[k]!;
    const start = from(from(o));
    first[k] = start;
    count[k] = to(to(o)) - start + 1;
    for (let p = from(o); p <= to(o); p++) {
      const outer = 1 / (to(o) - from(o) + 1);
      const inner = 1 / (to(p) - from(p) + 1);
      for (let q = from(p); q <= to(p); q++) weights[k * stride + q - start] += outer * inner;
    }
  }
  const result = { first, count, weights, stride };
  cache.set(length, result);
  return result;
}

const grid = new Float32Array(PDQ_GRID * PDQ_GRID);
const sums = new Float64Array(PDQ_GRID);
/** Rows of the warped plane kept while neighbouring cells share them: row y lives in slot y % length. */
let rows: Float64Array[] = [];
let rowOf = new Int32Array(0);

/**
 * The grid of the plane turned by `degrees` (positive: clockwise), same size, corners black, as
 * `rotatePlane` then PDQ would sample it (bilinear, pixels whose source leaves the plane are 0).
 * Returns a shared buffer.
 */
export function turnedGrid(plane: LumaPlane, degrees: number): Float32Array {
  const { width, height, luma } = plane;
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return weighted(width, height, (y, out) => {
    // Row y of the turned plane, stepping its source coordinates along the row as rotatePlane does.
    const dy = y - cy;
    let sx = -cos * cx + sin * dy + cx;
    let sy = sin * cx + cos * dy + cy;
    for (let x = 0; x < width; x++, sx += cos, sy -= sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
        out[x] = 0;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const upper = luma[i]! + (luma[i + 1]! - luma[i]!) * fx;
      const lower = luma[i + width]! + (luma[i + width + 1]! - luma[i + width]!) * fx;
      out[x] = upper + (lower - upper) * fy;
    }
  });
}

/** The grid of the plane mirrored left to right, as `mirrorPlane` then PDQ. Returns a shared buffer. */
export function mirroredGrid(plane: LumaPlane): Float32Array {
  const { width, height, luma } = plane;
  return weighted(width, height, (y, out) => {
    for (let x = 0, i = y * width + width - 1; x < width; x++, i--) out[x] = luma[i]!;
  });
}

/**
 * Each cell's weighted sum: the rows a cell needs are made once (`row(y, out)` fills row y of the
 * warped plane), each summed across into the 64 cells of its grid row.
 */
function weighted(width: number, height: number, row: (y: number, out: Float64Array) => void): Float32Array {
  const xs = cellWeights(width);
  const ys = cellWeights(height);
  // A cell's rows overlap the next cell's on small planes: keep the last ys.stride rows.
  if (rows.length !== ys.stride || rows[0]!.length < width) {
    rows = Array.from({ length: ys.stride }, () => new Float64Array(Math.max(width, rows[0]?.length ?? 0)));
    rowOf = new Int32Array(ys.stride);
  }
  rowOf.fill(-1);
  for (let i = 0; i < PDQ_GRID; i++) {
    sums.fill(0);
    for (let a = 0; a < ys.count[i]!; a++) {
      const y = ys.first[i]! + a;
      const wy = ys.weights[i * ys.stride + a]!;
      const slot = y % ys.stride;
      const line = rows[slot]!;
      if (rowOf[slot] !== y) {
        row(y, line);
        rowOf[slot] = y;
      }
      for (let j = 0; j < PDQ_GRID; j++) {
        const x0 = xs.first[j]!;
        const base = j * xs.stride;
        let across = 0;
        for (let b = 0; b < xs.count[j]!; b++) across += xs.weights[base + b]! * line[x0 + b]!;
        sums[j] += wy * across;
      }
    }
    for (let j = 0; j < PDQ_GRID; j++) grid[i * PDQ_GRID + j] = sums[j]!;
  }
  return grid;
}
