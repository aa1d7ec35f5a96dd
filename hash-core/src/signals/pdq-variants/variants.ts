/**
 * PDQ variants: the PDQ of a photo's crops, of the photo turned a little, and of its content with
 * borders trimmed. Plain PDQ sees the whole frame, so cutting 5 % off the edges, adding a border
 * or tilting by 3° moves it by ~100 bits; the same edit applied to the stored photo ahead of time
 * (crops, tilts) or undone on the query (trim) brings it back within the threshold.
 *
 * Each variant is a signal type of its own (stored, indexed and matched like any other) and is
 * computed here once, the same way for the page, the CLI and /v1/match/file.
 */
import type { Pixels } from '../../pixels.js';
import { jaroszBlur } from '../pdq/decimate.js';
import { pdqFromGrid, pdqFromLuma, PDQ_QUALITY_FLOOR, type PdqResult } from '../pdq/pdq.js';
import { contentBox } from './content-box.js';
import { cropPlane, lumaPlaneOf, mirrorPlane, rotatePlane, type Box, type LumaPlane } from './luma-plane.js';
import { sampleBox, type BlurredPlane } from './sample-grid.js';

/** What a variant is computed from: the photo's ≤ 512 px luma plane, blurred once, and its content box. */
export interface VariantSource {
  readonly plane: LumaPlane;
  readonly blurred: BlurredPlane;
  readonly content: Box;
}

export interface PdqVariantSpec {
  /** Signal and `Item` field name. */
  readonly name: string;
  readonly description: string;
  /** The variant's PDQ; null when it does not apply (nothing to trim). */
  readonly hash: (source: VariantSource) => PdqResult | null;
}

const pdqOfPlane = (plane: LumaPlane) => pdqFromLuma(plane.luma, plane.width, plane.height);

const isWhole = (box: Box) => box.left === 0 && box.top === 0 && box.right === 1 && box.bottom === 1;

function centre(keep: number): Box {
  const margin = (1 - keep) / 2;
  return { left: margin, top: margin, right: 1 - margin, bottom: 1 - margin };
}

const percent = (keep: number) => Math.round(keep * 100);

function centreCrop(keep: number): PdqVariantSpec {
  return {
    name: `pdqCenter${percent(keep)}`,
    description: `PDQ of the central ${percent(keep)} % (${(50 - percent(keep) / 2).toFixed(1).replace('.0', '')} % cut from every edge)`,
    hash: ({ blurred }) => pdqFromGrid(sampleBox(blurred, centre(keep))),
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
    hash: ({ blurred }) => pdqFromGrid(sampleBox(blurred, SIDES[side](keep))),
  };
}

/** Small enough for plain PDQ to miss (it holds to about 1°), centred in what people do (2–4°). */
const TILT_DEGREES = 2.5;

function tilt(direction: 'Cw' | 'Ccw'): PdqVariantSpec {
  const degrees = direction === 'Cw' ? TILT_DEGREES : -TILT_DEGREES;
  return {
    name: `pdqTilt${direction}`,
    description: `PDQ of the photo turned ${TILT_DEGREES}° ${direction === 'Cw' ? 'clockwise' : 'anticlockwise'}, corners black`,
    hash: ({ plane }) => pdqOfPlane(rotatePlane(plane, degrees)),
  };
}

export const PDQ_TRIMMED = 'pdqTrimmed';

/** Every variant, in the order they are reported. */
export const PDQ_VARIANTS: readonly PdqVariantSpec[] = [
  {
    name: PDQ_TRIMMED,
    description: 'PDQ of the picture with uniform borders and bars trimmed (letterbox, padding, screenshots)',
    // Hashed from the cropped pixels, not sampled: the box can be much smaller than the plane (a
    // photo in a screenshot), and its blur must fit its own size to meet the original's PDQ.
    hash: ({ plane, content }) => {
      if (isWhole(content)) return null;
      return pdqOfPlane(cropPlane(plane, content));
    },
  },
  ...[0.95, 0.9, 0.85, 0.8].map(centreCrop),
  ...[0.9, 0.8].flatMap((keep) => (Object.keys(SIDES) as (keyof typeof SIDES)[]).map((side) => sideCrop(side, keep))),
  tilt('Cw'),
  tilt('Ccw'),
  {
    // PDQ's mirrored hash (a sign flip of its DCT) misses 4 % of flipped copies, because its
    // sampling grid is not symmetric; hashing the mirrored pixels does not.
    name: 'pdqMirrored',
    description: 'PDQ of the photo mirrored left to right',
    hash: ({ plane }) => pdqOfPlane(mirrorPlane(plane)),
  },
];

export type PdqVariantHashes = Record<string, string>;

/**
 * The PDQ of every variant of `pixels` (already pre-resized or not: the plane is ≤ 512 px).
 * Variants whose PDQ quality is under the floor are left out, as they would match noise.
 * `names`: only these variants (video frames carry a few of them).
 */
export function pdqVariantHashes(pixels: Pixels, names?: readonly string[]): PdqVariantHashes {
  const specs = names ? PDQ_VARIANTS.filter((spec) => names.includes(spec.name)) : PDQ_VARIANTS;
  const plane = lumaPlaneOf(pixels);
  const source: VariantSource = {
    plane,
    blurred: { width: plane.width, height: plane.height, blurred: jaroszBlur(plane.luma, plane.width, plane.height) },
    content: contentBox(plane),
  };
  const out: PdqVariantHashes = {};
  for (const spec of specs) {
    const result = spec.hash(source);
    if (result && result.quality >= PDQ_QUALITY_FLOOR) out[spec.name] = result.hash;
  }
  return out;
}

