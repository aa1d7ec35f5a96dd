/**
 * PDQ variants: the PDQ of a photo's crops, of the photo turned a little (with its corners, or cut
 * as an editor's straighten cuts it), and of its content with borders trimmed. Plain PDQ sees the
 * whole frame, so cutting 5 % off the edges, adding a border or tilting by 3° moves it by ~100
 * bits; the same edit applied to the stored photo ahead of time (crops, tilts) or undone on the
 * query (trim) brings it back within the threshold.
 *
 * Each variant is a signal type of its own (stored, indexed and matched like any other) and is
 * computed here once, the same way for the page, the CLI and /v1/match/file.
 */
import type { Pixels } from '../../pixels.js';
import { jaroszBlur } from '../pdq/decimate.js';
import { pdqFromLuma, PDQ_QUALITY_FLOOR, variantPdqFromGrid, type PdqResult } from '../pdq/pdq.js';
import { contentBoxes } from './content-box.js';
import { binnedPlane, centredBox, cropPixels, cropPlane, isWhole, lumaPlaneOf, sameBox, VARIANT_PLANE_MAX_SIDE, type Box, type LumaPlane } from './luma-plane.js';
import { refineBox } from './refine-box.js';
import { mirroredSample, sampleBox, type BlurredPlane } from './sample-grid.js';
import { turnedCropSample } from './turned-crop.js';
import { centreFits, findTurnedPicture, type TurnedPicture } from './turned-picture.js';
import { mirroredGrid, straightenedGrid, turnedSample } from './warped-grid.js';

/** What a variant is computed from: the photo's luma plane (≤ 640 px as it is, else 512), blurred once, and its content box. */
export interface VariantSource {
  readonly plane: LumaPlane;
  readonly blurred: BlurredPlane;
  /** Boxes found on the plane (see content-box.ts). */
  readonly content: Box;
  readonly frame: Box;
  readonly margins: Box;
  /** The plane averaged down to ≤ 320 px: where the boxes are found (within 2 of its pixels), and the side blockhashes. */
  readonly coarse: LumaPlane;
  /** The photo itself (pre-resized or not): trimmed pictures are cut from its pixels. */
  readonly pixels: Pixels;
  /** The picture, when the plane is one turned a little on a canvas of one colour (see turned-picture.ts). */
  readonly turned: TurnedPicture | null;
}

export interface PdqVariantSpec {
  /** Signal and `Item` field name. */
  readonly name: string;
  readonly description: string;
  /** The variant's PDQ; null when it does not apply (nothing to trim). */
  readonly hash: (source: VariantSource) => PdqResult | null;
  /**
   * The variant adds edges the picture does not have (a tilt's black corners), so its own quality
   * says nothing of the picture's: it matches only when the photo's PDQ quality reaches the floor.
   */
  readonly needsPictureQuality?: true;
}

const pdqOfPlane = (plane: LumaPlane) => pdqFromLuma(plane.luma, plane.width, plane.height);
/** PDQ gives up below 5 pixels a side (all-zero hash): so do the turned and mirrored grids. */
const hashable = (plane: LumaPlane) => plane.width >= 5 && plane.height >= 5;


const percent = (keep: number) => Math.round(keep * 100);
export const centreName = (keep: number) => `pdqCenter${percent(keep)}`;

function centreCrop(keep: number): PdqVariantSpec {
  return {
    name: centreName(keep),
    description: `PDQ of the central ${percent(keep)} % (${(50 - percent(keep) / 2).toFixed(1).replace('.0', '')} % cut from every edge)`,
    hash: ({ blurred }) => variantPdqFromGrid(sampleBox(blurred, centredBox(keep))),
  };
}

const SIDES = {
  Left: (k: number): Box => ({ left: 0, top: 0, right: k, bottom: 1 }),
  Right: (k: number): Box => ({ left: 1 - k, top: 0, right: 1, bottom: 1 }),
  Top: (k: number): Box => ({ left: 0, top: 0, right: 1, bottom: k }),
  Bottom: (k: number): Box => ({ left: 0, top: 1 - k, right: 1, bottom: 1 }),
} as const;

function sideCrop(side: keyof typeof SIDES, keep: number): PdqVariantSpec {
  return {
    name: `pdq${side}${percent(keep)}`,
    description: `PDQ of the ${side.toLowerCase()} ${percent(keep)} % (the opposite edge cut, or a caption or watermark there left out)`,
    hash: ({ blurred }) => variantPdqFromGrid(sampleBox(blurred, SIDES[side](keep))),
  };
}

/** Small enough for plain PDQ to miss (it holds to about 1°), centred in what people do (2–4°). */
const TILT_DEGREES = 2.5;

function tilt(direction: 'Cw' | 'Ccw'): PdqVariantSpec {
  const degrees = direction === 'Cw' ? TILT_DEGREES : -TILT_DEGREES;
  return {
    name: `pdqTilt${direction}`,
    description: `PDQ of the photo turned ${TILT_DEGREES}° ${direction === 'Cw' ? 'clockwise' : 'anticlockwise'}, corners black`,
    // A picture already turned on a canvas is straightened instead (pdqStraightened): turned
    // further, it would meet only other turned copies of itself, which its plain PDQ meets.
    hash: ({ plane, blurred, turned }) => (hashable(plane) && !turned ? variantPdqFromGrid(turnedSample(plane, blurred, degrees)) : null),
    // The corners lift a flat picture's tilt over the floor, and flat pictures' tilts meet each
    // other: 26 false matches in 8.6e7 pairs against flat photos before this, 0 after
    // (pnpm eval:variant-tail --quality low; BENCHMARKS.md).
    needsPictureQuality: true,
  };
}

/**
 * An editor's straighten at these angles, each way (turned-crop.ts): each finds copies within about
 * ¾° of it (1–4° together, 93–100 % of corpus photos from 1.5° to 3.5°, by sharp's straighten).
 */
export const TURNED_CROP_DEGREES: readonly number[] = [1.75, 3.25].flatMap((degrees) => [degrees, -degrees]);
export const turnedCropName = (degrees: number) => `pdqTurnCrop${degrees > 0 ? 'Cw' : 'Ccw'}${Math.round(Math.abs(degrees) * 100)}`;

function turnedCrop(degrees: number): PdqVariantSpec {
  return {
    name: turnedCropName(degrees),
    description: `PDQ of the photo as an editor's straighten leaves it: turned ${Math.abs(degrees)}° ${degrees > 0 ? 'clockwise' : 'anticlockwise'}, cut to the largest upright rectangle of its shape`,
    // A picture already turned on a canvas is straightened instead (as the tilts).
    hash: ({ plane, blurred, turned }) => (hashable(plane) && !turned ? variantPdqFromGrid(turnedCropSample(blurred, degrees)) : null),
  };
}

/** Central crops a turned picture is straightened to, largest first: the largest that fits is hashed. */
export const STRAIGHTENED_KEEPS = [0.9, 0.8] as const;
export const straightenedName = (keep: number) => `pdqStraightened${percent(keep)}`;

function straightened(keep: number): PdqVariantSpec {
  return {
    name: straightenedName(keep),
    description: `PDQ of a picture turned on a canvas of one colour (a tilted repost), turned back upright, its central ${percent(keep)} % (compared with ${centreName(keep)})`,
    hash: ({ plane, turned }) =>
      turned && STRAIGHTENED_KEEPS.find((k) => centreFits(plane, turned, k)) === keep ? variantPdqFromGrid(straightenedGrid(plane, turned, centredBox(keep))) : null,
  };
}

export const PDQ_TRIMMED = 'pdqTrimmed';
export const PDQ_FRAMED = 'pdqFramed';

/**
 * Long side the trimmed picture is hashed at. Cut from the photo's own pixels, not from the plane:
 * the box can be much smaller than the plane (a photo in a screenshot), and an edge one pixel off
 * moves PDQ by 10–20 bits on a small picture. 1024 keeps the cost of a camera photo's trim low.
 */
const TRIMMED_MAX_SIDE = 1024;

function pdqOfBox({ plane, coarse, pixels, margins }: VariantSource, box: Box): PdqResult | null {
  if (isWhole(box)) return null;
  const exact = refineBox(pixels, box, coarse.width, coarse.height, margins);
  // A photo that is its own plane (≤ 640 px) has its luma there already: the same values.
  if (plane.width === pixels.width && plane.height === pixels.height) return pdqOfPlane(cropPlane(plane, exact));
  return pdqOfPlane(lumaPlaneOf(cropPixels(pixels, exact), TRIMMED_MAX_SIDE));
}

/** Every variant, in the order they are reported. */
export const PDQ_VARIANTS: readonly PdqVariantSpec[] = [
  {
    name: PDQ_TRIMMED,
    description: 'PDQ of the picture with uniform borders and bars trimmed, and its own flat margins (letterbox, padding, screenshots)',
    hash: (source) => pdqOfBox(source, source.content),
  },
  {
    // The photo's own flat sky or backdrop is trimmed from pdqTrimmed, but only as far as it looks
    // flat at each size: a copy with bars (then another size) trims it differently. Only the bars.
    name: PDQ_FRAMED,
    description: 'PDQ of the picture with only the bars of one colour around it trimmed (letterbox, padding, a screen\'s viewer)',
    // Left out when it is the content box: the same hash as pdqTrimmed.
    hash: (source) => (sameBox(source.frame, source.content) ? null : pdqOfBox(source, source.frame)),
  },
  ...[0.95, 0.9, 0.85, 0.8].map(centreCrop),
  ...[0.9, 0.8].flatMap((keep) => (Object.keys(SIDES) as (keyof typeof SIDES)[]).map((side) => sideCrop(side, keep))),
  tilt('Cw'),
  tilt('Ccw'),
  ...TURNED_CROP_DEGREES.map(turnedCrop),
  ...STRAIGHTENED_KEEPS.map(straightened),
  {
    // PDQ's mirrored hash (a sign flip of its DCT) misses 4 % of flipped copies, because its
    // sampling grid is not symmetric; the PDQ of the mirrored pixels does not.
    name: 'pdqMirrored',
    description: 'PDQ of the photo mirrored left to right',
    hash: ({ plane, blurred }) => (hashable(plane) ? variantPdqFromGrid(mirroredSample(blurred) ?? mirroredGrid(plane)) : null),
  },
];

export type PdqVariantHashes = Record<string, string>;

// The blur's two buffers, kept between photos (≤ 1.6 MB each): fresh ones cost first-touch page
// faults in a browser. A source's blurred plane is a view of them, valid until the next source.
let blurScratch = { a: new Float32Array(0), b: new Float32Array(0) };

/** Frees the buffers kept between calls. */
export function releaseVariantScratch(): void {
  blurScratch = { a: new Float32Array(0), b: new Float32Array(0) };
}

/** Long side of the coarse plane (see VariantSource.coarse). */
const COARSE_MAX_SIDE = 320;

/**
 * A photo up to this long side is its own plane: averaging 640 px down to 512 costs more (~1.5 ms
 * for a small photo) than the extra pixels cost the variants, and PDQ can then share the plane.
 */
export const PLANE_AS_IS_MAX_SIDE = 640;

/** The luma plane of the variants: the photo itself up to 640 px, else averaged down to 512. */
export function variantPlane(pixels: Pixels): LumaPlane {
  return lumaPlaneOf(pixels, Math.max(pixels.width, pixels.height) <= PLANE_AS_IS_MAX_SIDE ? PLANE_AS_IS_MAX_SIDE : VARIANT_PLANE_MAX_SIDE);
}

/**
 * The plane, blur and content boxes every variant is computed from (the photo pre-resized or
 * not); `plane`: when the caller has made it already (the same values as `variantPlane`).
 */
export function variantSource(pixels: Pixels, plane = variantPlane(pixels)): VariantSource {
  const coarse = binnedPlane(plane, COARSE_MAX_SIDE);
  const count = plane.width * plane.height;
  if (blurScratch.a.length < count) blurScratch = { a: new Float32Array(count), b: new Float32Array(count) };
  return {
    plane,
    blurred: { width: plane.width, height: plane.height, blurred: jaroszBlur(plane.luma, plane.width, plane.height, blurScratch) },
    coarse,
    ...contentBoxes(coarse),
    pixels,
    turned: turnedPicture(plane, coarse),
  };
}

/**
 * Looked for on the coarse plane first: up to a quarter of the pixels for the photos with corners
 * of one colour that are not turned (the many), then measured on the plane for those that are
 * (a small photo is its own coarse plane: measured once).
 */
function turnedPicture(plane: LumaPlane, coarse: LumaPlane): TurnedPicture | null {
  const onCoarse = findTurnedPicture(coarse);
  return onCoarse && coarse !== plane ? findTurnedPicture(plane) : onCoarse;
}

/**
 * The PDQ of every variant of `pixels` (already pre-resized or not: the plane is ≤ 640 px).
 * Variants whose PDQ quality is under the floor are left out, as they would match noise.
 * `names`: only these variants (video frames carry a few of them). `source`: when the caller
 * computes other variants from the same plane. `keptFrom`: variants kept from a lower quality
 * (a dim video frame's mirror, which only ever meets frames closer, as the plain PDQ does).
 */
export function pdqVariantHashes(
  pixels: Pixels,
  names?: readonly string[],
  source = variantSource(pixels),
  keptFrom: Readonly<Record<string, number>> = {},
): PdqVariantHashes {
  const specs = names ? PDQ_VARIANTS.filter((spec) => names.includes(spec.name)) : PDQ_VARIANTS;
  const out: PdqVariantHashes = {};
  for (const spec of specs) {
    const result = spec.hash(source);
    if (result && result.quality >= (keptFrom[spec.name] ?? PDQ_QUALITY_FLOOR)) out[spec.name] = result.hash;
  }
  return out;
}
