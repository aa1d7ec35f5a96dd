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
 * its bordered copy: a photo with its own flat sky loses that sky in both, as far as it looks flat
 * at both sizes. Where it does not, the frame box helps: only the bars of one colour around the
 * picture are taken away (see barEnd), so the copy's frame box is the original's whole frame.
 * Both boxes are found on the coarse plane (≤ 320 px: a bar is as flat and a picture as busy
 * there, at a quarter of the cost); refine-box.ts puts their edges on the photo's pixels.
 */
import { WHOLE, type Box, type LumaPlane } from './luma-plane.js';

/** Luma units a pixel may differ from its line's median and still count as the same colour. */
const TOLERANCE = 8;
/** Share of a line's pixels within the tolerance for the line to be flat. */
const FLAT_SHARE = 0.97;
/** Flat runs up to this share of the side inside the picture do not split it. */
const MAX_GAP = 0.02;
/**
 * A box thinner than this share of a side is not trusted (a mostly flat picture): keep the whole.
 * A wide photo in a phone screenshot fills 12–20 % of its height.
 */
const MIN_SIDE = 0.1;
/** Bars thinner than this share of a side are not trimmed: PDQ itself tolerates them (±2.5 % crops). */
const MIN_BAR = 0.02;
/** Median levels of consecutive bar lines may drift this much (JPEG); a natural flat area drifts more. */
const BAR_DRIFT = 2;

const histogram = new Uint32Array(256);

/** Luma rounded to whole levels once, so the line tests (several rounds) only read bytes. */
function levelsOf(luma: Float32Array): Uint8ClampedArray {
  return Uint8ClampedArray.from(luma); // rounds and clamps to 0..255
}

/** The median level of a line when it is flat, −1 when not. */
function flatLevel(levels: Uint8ClampedArray, start: number, count: number, step: number): number {
  histogram.fill(0);
  for (let i = 0, p = start; i < count; i++, p += step) histogram[levels[p]!]!++;
  let median = 0;
  for (let seen = 0; median < 255; median++) if ((seen += histogram[median]!) * 2 > count) break;
  let near = 0;
  for (let v = Math.max(0, median - TOLERANCE); v <= Math.min(255, median + TOLERANCE); v++) near += histogram[v]!;
  return near >= FLAT_SHARE * count ? median : -1;
}

const isFlat = (levels: Uint8ClampedArray, start: number, count: number, step: number) => flatLevel(levels, start, count, step) >= 0;

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
  return contentBoxes(plane).content;
}

export interface ContentBoxes {
  /** Every flat margin trimmed: the picture without bars, nor its own flat sky or backdrop. */
  readonly content: Box;
  /** Only the bars trimmed: one uniform colour from the frame (or a screen's UI) up to the picture. */
  readonly frame: Box;
  /** Where the flat margins start on the frame's side (the frame edge, or the UI bar's edge). */
  readonly margins: Box;
}

const NONE: ContentBoxes = { content: WHOLE, frame: WHOLE, margins: WHOLE };

/** The boxes of the picture inside `plane` (variants.ts passes its ≤ 320 px coarse plane). */
export function contentBoxes(plane: LumaPlane): ContentBoxes {
  const { width, height } = plane;
  const levels = levelsOf(plane.luma);
  const rowFlat = new Uint8Array(height);
  const colFlat = new Uint8Array(width);
  let x0 = 0, x1 = width, y0 = 0, y1 = height;
  for (let round = 0; round < 4; round++) {
    for (let y = 0; y < height; y++) rowFlat[y] = isFlat(levels, y * width + x0, x1 - x0, 1) ? 1 : 0;
    const rows = longestRun(rowFlat, Math.max(1, Math.round(MAX_GAP * height)));
    if (!rows) return NONE;
    for (let x = 0; x < width; x++) colFlat[x] = isFlat(levels, rows[0] * width + x, rows[1] - rows[0], width) ? 1 : 0;
    const cols = longestRun(colFlat, Math.max(1, Math.round(MAX_GAP * width)));
    if (!cols) return NONE;
    const stable = rows[0] === y0 && rows[1] === y1 && cols[0] === x0 && cols[1] === x1;
    [y0, y1, x0, x1] = [rows[0], rows[1], cols[0], cols[1]];
    if (stable) break;
  }
  if (y1 - y0 < MIN_SIDE * height || x1 - x0 < MIN_SIDE * width) return NONE;
  const content = { left: x0 / width, top: y0 / height, right: x1 / width, bottom: y1 / height };
  // The frame: on each side, a bar of one colour from the frame's edge, else the margin's bar.
  const row = (y: number, from: number, to: number) => flatLevel(levels, y * width + from, to - from, 1);
  const col = (x: number, from: number, to: number) => flatLevel(levels, from * width + x, to - from, width);
  const minRows = Math.max(2, Math.round(MIN_BAR * height));
  const minCols = Math.max(2, Math.round(MIN_BAR * width));
  // A letterbox or padding has bars of one colour on opposite sides; a screen's UI bars differ.
  const framed = (a: number, b: number) => a >= 0 && b >= 0 && Math.abs(a - b) <= TOLERANCE;
  const rowsFramed = framed(row(0, x0, x1), row(height - 1, x0, x1));
  const [top, topBar] = barEnd((y) => row(y, x0, x1), y0, -1, 0, minRows, rowsFramed);
  const [bottom, bottomBar] = barEnd((y) => row(y, x0, x1), y1 - 1, 1, height - 1, minRows, rowsFramed);
  const colsFramed = framed(col(0, top, bottom + 1), col(width - 1, top, bottom + 1));
  const [left, leftBar] = barEnd((x) => col(x, top, bottom + 1), x0, -1, 0, minCols, colsFramed);
  const [right, rightBar] = barEnd((x) => col(x, top, bottom + 1), x1 - 1, 1, width - 1, minCols, colsFramed);
  return {
    content,
    frame: { left: left / width, top: top / height, right: (right + 1) / width, bottom: (bottom + 1) / height },
    margins: { left: leftBar / width, top: topBar / height, right: (rightBar + 1) / width, bottom: (bottomBar + 1) / height },
  };
}


/**
 * The lines from `from` in direction `step` of the colour of `from` (drifting ≤ BAR_DRIFT), up to
 * `stop` (excluded); the number of lines, 0 when `from` is not flat.
 */
function runOfOneColour(level: (line: number) => number, from: number, step: 1 | -1, stop: number): number {
  const colour = level(from);
  if (colour < 0) return 0;
  let count = 1;
  for (let line = from + step; line !== stop; line += step, count++) {
    const l = level(line);
    if (l < 0 || Math.abs(l - colour) > BAR_DRIFT) break;
  }
  return count;
}

/**
 * One side: `edge` is the content's outermost line, `outward` the direction of the frame, `last`
 * the frame's line. When the opposite edge has one too (`framed`), a bar of one colour at the
 * frame's edge is the frame: a letterbox or padding, even around a photo's own sky. Else, inside a
 * screen whose UI bars differ, the margin is the flat lines from the content outwards up to the
 * first line that is not flat, and the bar its longest run of one colour (the black viewer, not a
 * drifting sky nor the end of a UI bar). Flat lines up to the frame with no bar facing them on the
 * other side are the photo's own (a sky): nothing is trimmed. Returns [the frame box's outermost
 * line, the margin's outermost line].
 */
function barEnd(level: (line: number) => number, edge: number, outward: 1 | -1, last: number, minBar: number, framed: boolean): [number, number] {
  if (edge === last) return [edge, edge];
  const atFrame = framed ? runOfOneColour(level, last, -outward as 1 | -1, edge) : 0;
  if (atFrame >= minBar) return [last - outward * atFrame, last];
  let outer = edge;
  while (outer !== last && level(outer + outward) >= 0) outer += outward;
  if (outer === last) return [last, last];
  let best = 0;
  let frameEdge = outer; // no bar: the picture reaches the margin's end
  for (let line = edge + outward; line !== outer + outward; ) {
    const length = runOfOneColour(level, line, outward, outer + outward);
    if (length >= minBar && length > best) {
      best = length;
      frameEdge = line - outward;
    }
    line += outward * Math.max(1, length);
  }
  return [frameEdge, outer];
}
