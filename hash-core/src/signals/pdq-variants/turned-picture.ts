/**
 * A photo turned a little on a canvas of one colour (a tilted repost: ImageMagick's
 * `-distort SRT`, an editor's rotate tool that keeps the frame or grows it) leaves a thin wedge
 * of that colour along each edge of the canvas, and the inner side of each wedge is a side of the
 * turned picture. Found on four edges (or three, the fourth opposite its partner), they give the
 * angle and where the picture lies, so the picture can be turned back: its central part is then
 * the original's central crop, to within resampling (a median of 2 bits from the stored crop on
 * the corpus, at any angle). The stored
 * tilts (±2.5°) only catch a turn near their own angle: 0.5° off costs a detailed photo 30 bits.
 */
import type { LumaPlane } from './luma-plane.js';

export interface TurnedPicture {
  /** Clockwise, in degrees. */
  readonly degrees: number;
  /** The picture's centre on the plane (pixel i spans [i, i + 1)). */
  readonly centreX: number;
  readonly centreY: number;
  /** The picture's size on the plane, along its own sides. */
  readonly width: number;
  readonly height: number;
}

/** Below this a turn is within plain PDQ's reach, and its wedges are a pixel or two wide. */
const MIN_DEGREES = 0.5;
/** Beyond this the wedges are wide corners, and a central crop of 80 % no longer fits inside. */
const MAX_DEGREES = 12;
/** The four corners' luma must agree to this (JPEG leaves a few levels in a flat corner). */
const FILL_SPREAD = 10;
/** A pixel belongs to the wedge while its luma is this close to the fill. */
const FILL_TOLERANCE = 12;

type Edge = 'left' | 'right' | 'top' | 'bottom';

/** How many pixels of fill each line across `edge` starts with, along the edge (NaN: all fill, as far as a wedge can go). */
function runs({ width, height, luma }: LumaPlane, edge: Edge, fill: number): Float64Array {
  const across = edge === 'left' || edge === 'right' ? width : height;
  const along = edge === 'left' || edge === 'right' ? height : width;
  const limit = Math.ceil(across * 0.25);
  const out = new Float64Array(along);
  // Line t starts at pixel `first(t)` on the edge and steps `inward` pixels into the plane.
  const inward = edge === 'left' ? 1 : edge === 'right' ? -1 : edge === 'top' ? width : -width;
  const first = (t: number) => (edge === 'left' ? t * width : edge === 'right' ? t * width + width - 1 : edge === 'top' ? t : (height - 1) * width + t);
  for (let t = 0; t < along; t++) {
    const i0 = first(t);
    let w = 0;
    while (w < limit && Math.abs(luma[i0 + w * inward]! - fill) <= FILL_TOLERANCE) w++;
    if (w === limit) {
      out[t] = Number.NaN;
      continue;
    }
    // The first pixel of the picture is partly fill where the side crosses it: count that part,
    // from how far it sits between the fill and the next pixel in.
    const next = luma[i0 + (w + 1) * inward]!;
    const share = Math.abs(next - fill) > FILL_TOLERANCE ? (next - luma[i0 + w * inward]!) / (next - fill) : 0;
    out[t] = w + Math.min(1, Math.max(0, share));
  }
  return out;
}

/** Points within this of a line lie on it (a run is measured to a fraction of a pixel). */
const ON_LINE = 1;
/** Where a wedge ends: its run is under half a pixel. */
const APEX = 0.5;
/** Points of each wedge the angle search looks at. */
const SEARCH_POINTS = 48;
/** Angles tried; the best is then refined by least squares. */
const ANGLE_STEP = 0.25;

/**
 * One edge's wedge for one direction of turn: its fill widths `w` at distances `d` from the corner
 * it starts at (clockwise: the left edge's from the top, the top edge's from the right, and so
 * round; anticlockwise the other ends). The run stops where no fill is left.
 */
interface WedgePoints {
  readonly edge: Edge;
  readonly fromEnd: boolean;
  readonly along: number;
  readonly d: Float64Array;
  readonly w: Float64Array;
}

function wedgePoints(profile: Float64Array, edge: Edge, fromEnd: boolean): WedgePoints | null {
  const along = profile.length;
  const at = (k: number) => profile[fromEnd ? along - 1 - k : k]!;
  // Lines from the corner whose run goes on as far as a wedge could reach say nothing of the side
  // (a grown canvas's corner touching the edge, or a white sky on a white canvas): passed over.
  let start = 0;
  while (start < along && Number.isNaN(at(start))) start++;
  // The wedge then runs until it narrows to nothing, or meets such lines again.
  let end = start;
  while (end < along && at(end) >= APEX) end++;
  const n = end - start;
  // A wedge ends where the picture crosses or touches the edge (a bar never does).
  if (end === along || n < Math.max(12, along * 0.1)) return null;
  const d = new Float64Array(n);
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    d[k] = start + k + 0.5;
    w[k] = at(start + k);
  }
  return { edge, fromEnd, along, d, w };
}

const FROM_END_CLOCKWISE: Record<Edge, boolean> = { left: false, right: true, top: true, bottom: false };

/**
 * The best line of slope −`tan` through one wedge's points, w = width − tan · d: the width that
 * puts most points within ON_LINE of it (a window slid over the sorted offsets).
 */
function bestWidth(points: WedgePoints, tan: number, scratch: Float64Array): { on: number; width: number } {
  // Every point of a short wedge, evenly spread ones of a long one: the search only needs to land
  // near the line, which `refine` then fits on every point.
  const stride = Math.ceil(points.d.length / SEARCH_POINTS);
  const n = Math.ceil(points.d.length / stride);
  const offsets = scratch.subarray(0, n);
  for (let k = 0; k < n; k++) offsets[k] = points.w[k * stride]! + tan * points.d[k * stride]!;
  offsets.sort();
  let on = 0;
  let width = 0;
  for (let lo = 0, hi = 0; lo < n; lo++) {
    while (hi < n && offsets[hi]! - offsets[lo]! <= 2 * ON_LINE) hi++;
    if (hi - lo > on) [on, width] = [hi - lo, (offsets[lo]! + offsets[hi - 1]!) / 2];
  }
  return { on, width };
}

interface Fit {
  readonly tan: number;
  readonly on: number;
  readonly widths: number[];
}

/** The angle (its tangent), in steps of ANGLE_STEP, at which the four wedges' points lie on four lines best. */
function bestAngle(wedges: readonly WedgePoints[], scratch: Float64Array): Fit {
  let best: Fit = { tan: 0, on: -1, widths: [] };
  for (let degrees = MIN_DEGREES; degrees <= MAX_DEGREES + 1e-9; degrees += ANGLE_STEP) {
    const tan = Math.tan((degrees * Math.PI) / 180);
    const fits = wedges.map((points) => bestWidth(points, tan, scratch));
    const on = fits.reduce((sum, f) => sum + f.on, 0);
    if (on > best.on) best = { tan, on, widths: fits.map((f) => f.width) };
  }
  return best;
}

/**
 * The one slope and four widths that fit the points on the lines best (least squares, the four
 * wedges sharing the slope), starting from `fit` and taking the points near the line each time.
 */
function refine(wedges: readonly WedgePoints[], fit: Fit): Fit {
  let { tan, widths } = fit;
  for (let round = 0; round < 3; round++) {
    let sdd = 0;
    let sdw = 0;
    const means = wedges.map((points, e) => {
      let [n, sd, sw] = [0, 0, 0];
      for (let k = 0; k < points.d.length; k++) {
        if (Math.abs(points.w[k]! - (widths[e]! - tan * points.d[k]!)) > ON_LINE) continue;
        [n, sd, sw] = [n + 1, sd + points.d[k]!, sw + points.w[k]!];
      }
      return n > 0 ? [sd / n, sw / n] : [0, 0];
    });
    wedges.forEach((points, e) => {
      const [md, mw] = means[e]!;
      for (let k = 0; k < points.d.length; k++) {
        if (Math.abs(points.w[k]! - (widths[e]! - tan * points.d[k]!)) > ON_LINE) continue;
        sdd += (points.d[k]! - md!) ** 2;
        sdw += (points.d[k]! - md!) * (points.w[k]! - mw!);
      }
    });
    if (sdd === 0) break;
    tan = -sdw / sdd;
    widths = means.map(([md, mw]) => mw! + tan * md!);
  }
  return { tan, on: fit.on, widths };
}

/**
 * Whether a wedge lies on its line: most of its points on it, and hardly any below it (where the
 * picture is as dark as the fill next to the edge, the run goes on into it: above the line only).
 */
function liesOn(points: WedgePoints, tan: number, width: number): boolean {
  const n = points.d.length;
  let on = 0;
  let below = 0;
  for (let k = 0; k < n; k++) {
    const r = points.w[k]! - (width - tan * points.d[k]!);
    if (Math.abs(r) <= ON_LINE) on++;
    else if (r < -2 * ON_LINE) below++;
  }
  // At its corner, a wedge is at least 2 pixels wide (MIN_DEGREES along a tenth of an edge).
  return width >= 2 && on >= Math.max(12, points.along * 0.1) && on >= n / 2 && below <= n * 0.05;
}

/** A point of the side along `edge`: where the line is at the middle of its wedge, on the plane. */
function pointOf({ width, height }: LumaPlane, points: WedgePoints, tan: number, lineWidth: number): [number, number] {
  const d = points.d[points.d.length >> 1]!;
  const w = lineWidth - tan * d;
  const t = points.fromEnd ? points.along - d : d;
  if (points.edge === 'left') return [w, t];
  if (points.edge === 'right') return [width - w, t];
  if (points.edge === 'top') return [t, w];
  return [t, height - w];
}

const EDGES: readonly Edge[] = ['left', 'right', 'top', 'bottom'];

/** The turned picture on the plane, or null when the plane is not one (see the module comment). */
export function findTurnedPicture(plane: LumaPlane): TurnedPicture | null {
  const { width, height, luma } = plane;
  if (width < 32 || height < 32) return null;
  const corners = [0, width - 1, (height - 1) * width, height * width - 1].map((i) => luma[i]!);
  if (Math.max(...corners) - Math.min(...corners) > FILL_SPREAD) return null;
  const fill = corners.reduce((s, v) => s + v, 0) / 4;

  const profiles = EDGES.map((edge) => runs(plane, edge, fill));
  const scratch = new Float64Array(Math.max(width, height));
  for (const clockwise of [true, false]) {
    let sides = EDGES.flatMap((edge, e) => wedgePoints(profiles[e]!, edge, FROM_END_CLOCKWISE[edge] === clockwise) ?? []);
    // Three sides will do (a bright sky on a white canvas hides a fourth): the picture is turned
    // about the canvas's centre, so the missing side lies opposite its partner.
    if (sides.length < 3) continue;
    let { tan, widths } = refine(sides, bestAngle(sides, scratch));
    const kept = sides.filter((points, e) => liesOn(points, tan, widths[e]!));
    if (kept.length < 3) continue;
    if (kept.length < sides.length) {
      sides = kept;
      ({ tan, widths } = refine(sides, bestAngle(sides, scratch)));
      if (!sides.every((points, e) => liesOn(points, tan, widths[e]!))) continue;
    }
    const angle = (clockwise ? 1 : -1) * Math.atan(tan);
    if (Math.abs(angle) < (MIN_DEGREES * Math.PI) / 180) continue;
    return pictureFrom(plane, angle, new Map(sides.map((points, e) => [points.edge, pointOf(plane, points, tan, widths[e]!)])));
  }
  return null;
}

const OPPOSITE: Record<Edge, Edge> = { left: 'right', right: 'left', top: 'bottom', bottom: 'top' };

/** The picture turned by `angle` whose sides pass through the points found (three or four). */
function pictureFrom(plane: LumaPlane, angle: number, points: ReadonlyMap<Edge, readonly [number, number]>): TurnedPicture | null {
  // The picture's own axes on the plane, and where its four sides lie along them.
  const u = [Math.cos(angle), Math.sin(angle)] as const;
  const v = [-Math.sin(angle), Math.cos(angle)] as const;
  const axisOf = (edge: Edge) => (edge === 'left' || edge === 'right' ? u : v);
  const along = (edge: Edge, [x, y]: readonly [number, number]) => axisOf(edge)[0] * x + axisOf(edge)[1] * y;
  const centre = [plane.width / 2, plane.height / 2] as const;
  const at = (edge: Edge) => {
    const point = points.get(edge);
    return point ? along(edge, point) : 2 * along(edge, centre) - along(OPPOSITE[edge], points.get(OPPOSITE[edge])!);
  };
  const [left, right, top, bottom] = [at('left'), at('right'), at('top'), at('bottom')];
  const pictureWidth = right - left;
  const pictureHeight = bottom - top;
  if (pictureWidth < plane.width / 2 || pictureHeight < plane.height / 2) return null;
  const [a, b] = [(left + right) / 2, (top + bottom) / 2];
  return {
    degrees: (angle * 180) / Math.PI,
    centreX: a * u[0] + b * v[0],
    centreY: a * u[1] + b * v[1],
    width: pictureWidth,
    height: pictureHeight,
  };
}

/** Whether the central `keep` of the turned picture lies wholly on the plane (no corner lost to the turn). */
export function centreFits(plane: LumaPlane, turned: TurnedPicture, keep: number): boolean {
  const angle = (turned.degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [hw, hh] = [(keep * turned.width) / 2, (keep * turned.height) / 2];
  return [[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]].every(([dx, dy]) => {
    const x = turned.centreX + dx! * cos - dy! * sin;
    const y = turned.centreY + dx! * sin + dy! * cos;
    return x >= 0 && y >= 0 && x <= plane.width && y <= plane.height;
  });
}
