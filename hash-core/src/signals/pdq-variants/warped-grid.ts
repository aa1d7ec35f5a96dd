/**
 * PDQ's 64 × 64 grid of the plane turned a little or mirrored, without making the turned or
 * mirrored plane: PDQ blurs the whole image (Jarosz: a box along rows then columns, twice) and
 * keeps 64 × 64 cell centres, so each cell is a fixed weighted sum of at most 7 × 7 pixels around
 * it (the two boxes, shortened at the frame's edges as PDQ does). Reading those pixels of the
 * turned plane straight from the plane costs about a tenth of turning it and blurring the result;
 * a tilt sums only its cells along the edges and in the corners, and reads the others from the
 * plane's blur (turnedSample).
 *
 * The same sums as PDQ of the turned plane, in another order: the floats differ in their last bits
 * and a hash bit may flip where a coefficient sits on the median. Deterministic all the same: plain
 * JavaScript arithmetic, the same in every engine.
 */
import { PDQ_GRID } from '../pdq/decimate.js';
import { jaroszWindowSize } from '../pdq/jarosz.js';
import { WHOLE, type Box, type LumaPlane } from './luma-plane.js';
import { bilinear, boxIndices, type BlurredPlane } from './sample-grid.js';
import type { TurnedPicture } from './turned-picture.js';

/** The pixels (and their weights) that PDQ's two box passes sum into each sampled cell, along one side. */
interface CellWeights {
  readonly first: Int32Array; // first pixel of each cell's support
  readonly count: Int32Array; // pixels in the support
  readonly weights: Float64Array; // PDQ_GRID × stride
  readonly stride: number;
}

/** A few of the latest sides' weights: the whole frame's are asked for again and again, a box's per picture. */
const cache = new Map<string, CellWeights>();
const CACHED = 16;

/**
 * The weights along a side of `length` pixels, blurred with that length's window: for the cells of
 * the whole side, or of the part [from, to) (fractions) as sampleBox reads a crop from the blur.
 */
function cellWeights(length: number, from = 0, to = 1): CellWeights {
  const key = `${length}:${from}:${to}`;
  const known = cache.get(key);
  if (known) return known;
  const window = jaroszWindowSize(length, PDQ_GRID);
  const lead = ((window + 2) >> 1) - 1; // as the reference's box: [o − (window − 1 − lead), o + lead]
  const below = (o: number) => Math.max(0, o - (window - 1 - lead));
  const above = (o: number) => Math.min(length - 1, o + lead);
  const stride = 2 * window - 1;
  const first = new Int32Array(PDQ_GRID);
  const count = new Int32Array(PDQ_GRID);
  const weights = new Float64Array(PDQ_GRID * stride);
  const centres = boxIndices(from, to, length);
  for (let k = 0; k < PDQ_GRID; k++) {
    const o = centres[k]!;
    const start = below(below(o));
    first[k] = start;
    count[k] = above(above(o)) - start + 1;
    for (let p = below(o); p <= above(o); p++) {
      const outer = 1 / (above(o) - below(o) + 1);
      const inner = 1 / (above(p) - below(p) + 1);
      for (let q = below(p); q <= above(p); q++) weights[k * stride + q - start] += outer * inner;
    }
  }
  const result = { first, count, weights, stride };
  if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

const grid = new Float32Array(PDQ_GRID * PDQ_GRID);
const sums = new Float64Array(PDQ_GRID);
/** Rows of the warped plane kept while neighbouring cells share them: row y lives in slot y % length. */
let rows: Float64Array[] = [];
let rowOf = new Int32Array(0);

/**
 * A plane drawn from another by an affine map, bilinear, points whose source leaves the plane 0:
 * pixel (x, y) of the warped plane reads the source at `origin + x · alongX + y · alongY`, in the
 * source's sample coordinates (pixel centres at integers).
 */
interface Warp {
  readonly width: number;
  readonly height: number;
  readonly origin: readonly [number, number];
  readonly alongX: readonly [number, number];
  readonly alongY: readonly [number, number];
}

/** The plane at the point (x, y) (sample coordinates), bilinear; 0 where the point leaves it. */
function lumaAt({ width, height, luma }: LumaPlane, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) return 0;
  const [fx, fy, i] = [x - x0, y - y0, y0 * width + x0];
  const upper = luma[i]! + (luma[i + 1]! - luma[i]!) * fx;
  const lower = luma[i + width]! + (luma[i + width + 1]! - luma[i + width]!) * fx;
  return upper + (lower - upper) * fy;
}

/** Fills `out` with row y of the warped plane. */
function warpedRow(plane: LumaPlane, warp: Warp, y: number, out: Float64Array): void {
  let sx = warp.origin[0] + y * warp.alongY[0];
  let sy = warp.origin[1] + y * warp.alongY[1];
  const [stepX, stepY] = warp.alongX;
  for (let x = 0; x < warp.width; x++, sx += stepX, sy += stepY) out[x] = lumaAt(plane, sx, sy);
}

/**
 * PDQ's grid of the warped plane (blurred with its own windows), over `box` of it as sampleBox
 * reads a crop from the blur; without the warped plane being made. Returns a shared buffer.
 */
function warpedGrid(plane: LumaPlane, warp: Warp, box: Box = WHOLE): Float32Array {
  return weighted(
    cellWeights(warp.width, box.left, box.right),
    cellWeights(warp.height, box.top, box.bottom),
    warp.width,
    (y, out) => warpedRow(plane, warp, y, out),
  );
}

/**
 * The grid of the plane turned by `degrees` (positive: clockwise), same size, corners black, as
 * `rotatePlane` then PDQ would sample it (bilinear, pixels whose source leaves the plane are 0).
 * Returns a shared buffer.
 */
export function turnedGrid(plane: LumaPlane, degrees: number): Float32Array {
  return warpedGrid(plane, turn(plane.width, plane.height, degrees));
}

/** The plane turned by `degrees` about its centre, the same size: each pixel reads the point of the plane turned the other way. */
function turn(width: number, height: number, degrees: number): Warp {
  const angle = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  return { width, height, origin: [-cos * cx - sin * cy + cx, sin * cx - cos * cy + cy], alongX: [cos, -sin], alongY: [sin, cos] };
}

/**
 * turnedGrid's grid for a fraction of its cost. A cell whose blur reaches neither the frame's edge
 * nor a black corner is read from the blur of the plane itself, at its centre turned back
 * (bilinear, as the turned crops are: a box blur turned by a few degrees is nearly the same blur);
 * the others, along the edges and in the corners, are summed exactly as turnedGrid sums them.
 * Returns a shared buffer.
 */
export function turnedSample(plane: LumaPlane, blurred: BlurredPlane, degrees: number): Float32Array {
  const { width, height } = plane;
  const warp = turn(width, height, degrees);
  const xs = cellWeights(width);
  const ys = cellWeights(height);
  const [ox, oy] = warp.origin;
  const [xx, xy] = warp.alongX;
  const [yx, yy] = warp.alongY;
  // How far a cell's blur reaches, in pixels; and, with a margin for the turn, how far from the
  // plane's edges its turned centre must be for the plane's blur to hold no edge nor corner.
  const [reachX, reachY] = [xs.stride, ys.stride];
  const margin = 1.1 * Math.max(reachX, reachY) + 1;
  const centresX = boxIndices(0, 1, width);
  const centresY = boxIndices(0, 1, height);
  // Locals, not properties, in the loops (as in weighted()).
  const [xFirst, xCount, xWeights, xStride] = [xs.first, xs.count, xs.weights, xs.stride];
  const [yFirst, yCount, yWeights, yStride] = [ys.first, ys.count, ys.weights, ys.stride];
  const out = grid;
  for (let i = 0; i < PDQ_GRID; i++) {
    const cy = centresY[i]!;
    const innerY = cy >= reachY && cy <= height - 1 - reachY;
    for (let j = 0; j < PDQ_GRID; j++) {
      const cx = centresX[j]!;
      const sx = ox + cx * xx + cy * yx;
      const sy = oy + cx * xy + cy * yy;
      if (innerY && cx >= reachX && cx <= width - 1 - reachX && sx >= margin && sx <= width - 1 - margin && sy >= margin && sy <= height - 1 - margin) {
        out[i * PDQ_GRID + j] = bilinear(blurred, sx, sy);
        continue;
      }
      // The turned plane as warpedRow reads it, over the cell's support only.
      let sum = 0;
      const [x0, countX, baseX] = [xFirst[j]!, xCount[j]!, j * xStride];
      for (let a = 0; a < yCount[i]!; a++) {
        const y = yFirst[i]! + a;
        let px = ox + x0 * xx + y * yx;
        let py = oy + x0 * xy + y * yy;
        let across = 0;
        for (let b = 0; b < countX; b++, px += xx, py += xy) across += xWeights[baseX + b]! * lumaAt(plane, px, py);
        sum += yWeights[i * yStride + a]! * across;
      }
      out[i * PDQ_GRID + j] = sum;
    }
  }
  return out;
}

/**
 * The grid of a turned picture (turned-picture.ts) turned back upright, `width` × `height` of the
 * picture rounded, over `box` of it: as PDQ of the upright picture, its crop read as sampleBox
 * reads the stored photo's crops. Returns a shared buffer.
 */
export function straightenedGrid(plane: LumaPlane, turned: TurnedPicture, box: Box): Float32Array {
  const width = Math.max(1, Math.round(turned.width));
  const height = Math.max(1, Math.round(turned.height));
  const angle = (turned.degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  // Pixel (0, 0)'s centre, half a pixel in from the picture's corner, in sample coordinates.
  const [dx, dy] = [0.5 - width / 2, 0.5 - height / 2];
  const origin = [turned.centreX + dx * cos - dy * sin - 0.5, turned.centreY + dx * sin + dy * cos - 0.5] as const;
  return warpedGrid(plane, { width, height, origin, alongX: [cos, sin], alongY: [-sin, cos] }, box);
}

/** The grid of the plane mirrored left to right, as `mirrorPlane` then PDQ. Returns a shared buffer. */
export function mirroredGrid(plane: LumaPlane): Float32Array {
  const { width, height, luma } = plane;
  return weighted(cellWeights(width), cellWeights(height), width, (y, out) => {
    for (let x = 0, i = y * width + width - 1; x < width; x++, i--) out[x] = luma[i]!;
  });
}

/**
 * Each cell's weighted sum: the rows a cell needs are made once (`row(y, out)` fills row y of the
 * warped plane), each summed across into the 64 cells of its grid row.
 */
function weighted(xs: CellWeights, ys: CellWeights, width: number, row: (y: number, out: Float64Array) => void): Float32Array {
  // A cell's rows overlap the next cell's on small planes: keep the last ys.stride rows.
  if (rows.length !== ys.stride || rows[0]!.length < width) {
    rows = Array.from({ length: ys.stride }, () => new Float64Array(Math.max(width, rows[0]?.length ?? 0)));
    rowOf = new Int32Array(ys.stride);
  }
  rowOf.fill(-1);
  // Locals, not properties: a store into one typed array could alias another, so the engine may
  // reload each property in the innermost loop (a tilt 7 %, a mirror 16 % faster in Node).
  const [xFirst, xCount, xWeights, xStride] = [xs.first, xs.count, xs.weights, xs.stride];
  const [yFirst, yCount, yWeights, yStride] = [ys.first, ys.count, ys.weights, ys.stride];
  const [sum, cached, lines, out] = [sums, rowOf, rows, grid];
  for (let i = 0; i < PDQ_GRID; i++) {
    sum.fill(0);
    for (let a = 0; a < yCount[i]!; a++) {
      const y = yFirst[i]! + a;
      const wy = yWeights[i * yStride + a]!;
      const slot = y % yStride;
      const line = lines[slot]!;
      if (cached[slot] !== y) {
        row(y, line);
        cached[slot] = y;
      }
      for (let j = 0; j < PDQ_GRID; j++) {
        const x0 = xFirst[j]!;
        const base = j * xStride;
        const count = xCount[j]!;
        let across = 0;
        for (let b = 0; b < count; b++) across += xWeights[base + b]! * line[x0 + b]!;
        sum[j] += wy * across;
      }
    }
    for (let j = 0; j < PDQ_GRID; j++) out[i * PDQ_GRID + j] = sum[j]!;
  }
  return out;
}
