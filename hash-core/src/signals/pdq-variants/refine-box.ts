/**
 * The content box to the photo's own pixel: `contentBox` finds it on the ≤ 320 px coarse plane,
 * where an edge can be off by a coarse pixel or two (16 photo pixels for a 2048 px photo), and a
 * JPEG's ringing makes the few bar rows next to the picture look like picture. PDQ moves by 10–20 bits when a
 * small picture loses or gains one row at an edge, so the trimmed copy must be cut exactly where
 * the original's frame was: here each trimmed edge is placed again on the full-resolution pixels.
 *
 * The bar is what lies outside the coarse edge: its colour is known, and walking from it towards
 * the picture, the bar ends at the first line not of that colour. A sharp step (the picture's first
 * line) up to one JPEG block further in, past lines that still have the bar's colour, marks the
 * true edge: the lines between are the ringing of the step. With no such step, the picture fades
 * into the bar's colour and the first line that differs is the edge.
 */
import { channelsOf, type Pixels } from '../../pixels.js';
import { WHOLE, type Box } from './luma-plane.js';

/** As content-box.ts: a line is of the bar's colour when nearly all its pixels are within TOLERANCE. */
const TOLERANCE = 8;
const BAR_SHARE = 0.97;
/** Lines a JPEG's ringing can spread a step over, on the bar's side (one 8 × 8 block). */
const RINGING = 8;
/** Mean luma change from one line to the next that makes a step (twice the tolerance). */
const STEP = 2 * TOLERANCE;

/** Reads whole lines of luma (PDQ's weights, on white when transparent) from the photo. */
class LineReader {
  private readonly channels: 3 | 4;
  constructor(private readonly pixels: Pixels) {
    this.channels = channelsOf(pixels);
  }

  /** Luma of row `y` between columns [from, to), or of column `x` between rows [from, to). */
  line(horizontal: boolean, at: number, from: number, to: number, out: Float32Array): Float32Array {
    const { width, data } = this.pixels;
    const c = this.channels;
    const values = out.subarray(0, to - from);
    for (let k = from; k < to; k++) {
      const i = (horizontal ? at * width + k : k * width + at) * c;
      let v = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      if (c === 4 && data[i + 3]! < 255) v = (v * data[i + 3]! + 255 * (255 - data[i + 3]!)) / 255;
      values[k - from] = v;
    }
    return values;
  }
}

function median(values: Float32Array): number {
  return Float32Array.from(values).sort()[values.length >> 1]!;
}

function isBar(values: Float32Array, colour: number): boolean {
  let near = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]! - colour) <= TOLERANCE) near++;
  return near >= BAR_SHARE * values.length;
}

function meanChange(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/**
 * One edge: lines are rows (`horizontal`) or columns, indexed along `length`; the picture lies on
 * the side of increasing index when `inward` is +1 (top, left), decreasing when −1 (bottom, right).
 * `edge` is the coarse first picture line; `slack` how far it may be off. Returns the first picture line.
 */
function refineEdge(
  reader: LineReader,
  horizontal: boolean,
  span: [number, number],
  length: number,
  edge: number,
  inward: 1 | -1,
  slack: number,
  scratch: [Float32Array, Float32Array],
): number {
  const outside = edge - inward * slack;
  if (outside < 0 || outside >= length) return edge;
  let current = reader.line(horizontal, outside, span[0], span[1], scratch[0]);
  const colour = median(current);
  if (!isBar(current, colour)) return edge; // not a bar of one colour after all: keep the coarse edge
  // Walk into the picture while the lines are of the bar's colour.
  let first = outside + inward;
  const limit = edge + inward * (slack + RINGING);
  let line = reader.line(horizontal, first, span[0], span[1], scratch[1]);
  while (first !== limit && first + inward >= 0 && first + inward < length && isBar(line, colour)) {
    first += inward;
    line = reader.line(horizontal, first, span[0], span[1], scratch[1]);
  }
  // Ringing: lines still of the bar's median colour, then a sharp step into the picture.
  let best = first;
  let bestStep = STEP;
  let previous = Float32Array.from(line);
  for (let k = 1, at = first + inward; k <= RINGING && at >= 0 && at < length; k++, at += inward) {
    if (Math.abs(median(previous) - colour) > TOLERANCE) break; // the picture already
    current = reader.line(horizontal, at, span[0], span[1], scratch[0]);
    const step = meanChange(previous, current);
    if (step >= bestStep) {
      bestStep = step;
      best = at;
    }
    previous = Float32Array.from(current);
  }
  return best;
}

/**
 * `box` (found on a plane of `planeWidth × planeHeight`) with each trimmed edge placed on the
 * pixels of `pixels`; the edges at the frame stay there.
 */
export function refineBox(pixels: Pixels, box: Box, planeWidth: number, planeHeight: number, margins: Box = WHOLE): Box {
  const { width, height } = pixels;
  const reader = new LineReader(pixels);
  const scratch: [Float32Array, Float32Array] = [new Float32Array(Math.max(width, height)), new Float32Array(Math.max(width, height))];
  // Two plane pixels, in photo pixels, and one more for rounding.
  const slackX = Math.ceil((2 * width) / planeWidth) + 1;
  const slackY = Math.ceil((2 * height) / planeHeight) + 1;
  let x0 = Math.round(box.left * width);
  let x1 = Math.round(box.right * width);
  let y0 = Math.round(box.top * height);
  let y1 = Math.round(box.bottom * height);
  // Rows first, across the coarse columns; then columns, across the refined rows.
  // The bar's line searched for its colour stays inside the margin (not in a screen's UI bar).
  const within = (slack: number, room: number) => Math.max(1, Math.min(slack, Math.floor(room)));
  const top = within(slackY, y0 - margins.top * height);
  const bottom = within(slackY, margins.bottom * height - y1);
  if (y0 > 0 && y0 > margins.top * height) y0 = refineEdge(reader, true, [x0, x1], height, y0, 1, top, scratch);
  if (y1 < height && y1 < margins.bottom * height) y1 = refineEdge(reader, true, [x0, x1], height, y1 - 1, -1, bottom, scratch) + 1;
  const left = within(slackX, x0 - margins.left * width);
  const right = within(slackX, margins.right * width - x1);
  if (x0 > 0 && x0 > margins.left * width) x0 = refineEdge(reader, false, [y0, y1], width, x0, 1, left, scratch);
  if (x1 < width && x1 < margins.right * width) x1 = refineEdge(reader, false, [y0, y1], width, x1 - 1, -1, right, scratch) + 1;
  if (x1 - x0 < 1 || y1 - y0 < 1) return box;
  return { left: x0 / width, top: y0 / height, right: x1 / width, bottom: y1 / height };
}
