/**
 * Where the picture is inside its frame: the box left once uniform borders and bars are taken
 * away (letterboxing, padding of any colour, the bars and empty viewer area of a screenshot).
 *
 * A row is "flat" when nearly all its pixels share one luma; the picture is the longest run of
 * non-flat rows (short flat gaps inside it are kept), then the same for columns within those
 * rows, repeated until stable, so side borders stop spoiling the row test. UI bars with a line of
 * text are non-flat but short, and are separated from the picture by flat space.
 *
 * What matters is not finding the "true" photo but finding the same box for the original and for
 * its bordered copy: a photo with its own flat sky loses that sky in both, consistently.
 */
import { WHOLE, type Box, type LumaPlane } from './luma-plane.js';

/** Luma units a pixel may differ from its line's median and still count as the same colour. */
const TOLERANCE = 8;
/** Share of a line's pixels within the tolerance for the line to be flat. */
const FLAT_SHARE = 0.97;
/** Flat runs up to this share of the side inside the picture do not split it. */
const MAX_GAP = 0.02;
/** A box thinner than this share of a side is not trusted (a mostly flat picture): keep the whole. */
const MIN_SIDE = 0.2;

const histogram = new Uint32Array(256);

/** Luma rounded to whole levels once, so the line tests (several rounds) only read bytes. */
function levelsOf(luma: Float32Array): Uint8ClampedArray {
  return Uint8ClampedArray.from(luma); // rounds and clamps to 0..255
}

function isFlat(levels: Uint8ClampedArray, start: number, count: number, step: number): boolean {
  histogram.fill(0);
  for (let i = 0, p = start; i < count; i++, p += step) histogram[levels[p]!]!++;
  let median = 0;
  for (let seen = 0; median < 255; median++) if ((seen += histogram[median]!) * 2 > count) break;
  let near = 0;
  for (let v = Math.max(0, median - TOLERANCE); v <= Math.min(255, median + TOLERANCE); v++) near += histogram[v]!;
  return near >= FLAT_SHARE * count;
}

/** [start, end) of the longest run of non-flat lines, flat gaps ≤ maxGap bridged; null if none. */
function longestRun(flat: Uint8Array, maxGap: number): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  let last = -1;
  const close = () => {
    if (start >= 0 && (!best || last + 1 - start > best[1] - best[0])) best = [start, last + 1];
  };
  for (let i = 0; i < flat.length; i++) {
    if (flat[i]) continue;
    if (start >= 0 && i - last - 1 > maxGap) {
      close();
      start = i;
    } else if (start < 0) {
      start = i;
    }
    last = i;
  }
  close();
  return best;
}

/** The box of the picture inside `plane`, as fractions; `WHOLE` when there is no border to trim. */
export function contentBox(plane: LumaPlane): Box {
  const { width, height } = plane;
  const levels = levelsOf(plane.luma);
  const rowFlat = new Uint8Array(height);
  const colFlat = new Uint8Array(width);
  let x0 = 0, x1 = width, y0 = 0, y1 = height;
  for (let round = 0; round < 4; round++) {
    for (let y = 0; y < height; y++) rowFlat[y] = isFlat(levels, y * width + x0, x1 - x0, 1) ? 1 : 0;
    const rows = longestRun(rowFlat, Math.max(1, Math.round(MAX_GAP * height)));
    if (!rows) return WHOLE;
    for (let x = 0; x < width; x++) colFlat[x] = isFlat(levels, rows[0] * width + x, rows[1] - rows[0], width) ? 1 : 0;
    const cols = longestRun(colFlat, Math.max(1, Math.round(MAX_GAP * width)));
    if (!cols) return WHOLE;
    const stable = rows[0] === y0 && rows[1] === y1 && cols[0] === x0 && cols[1] === x1;
    [y0, y1, x0, x1] = [rows[0], rows[1], cols[0], cols[1]];
    if (stable) break;
  }
  if (y1 - y0 < MIN_SIDE * height || x1 - x0 < MIN_SIDE * width) return WHOLE;
  return { left: x0 / width, top: y0 / height, right: x1 / width, bottom: y1 / height };
}
