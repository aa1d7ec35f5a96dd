import { BLOCKHASH_FRAMED, blockhashSignal, detailedBlockhash } from '../blockhash/signal.js';
import { PDQ_QUALITY_FLOOR } from '../pdq/pdq.js';
import { hamming256Signal } from '../hamming-signal.js';
import { WHOLE, type Box, type LumaPlane } from '../pdq-variants/luma-plane.js';
import type { VariantSource } from '../pdq-variants/variants.js';
import { barsFrame, framedBlockhash, frameOnPixels } from './framed-blockhash.js';
import { blockhashOfBox, summedArea } from './side-blockhash.js';

/** What is kept: three quarters, so a watermark or caption in the cut quarter is left out. */
const KEEP = 0.75;

const SIDES: Record<string, Box> = {
  Top: { left: 0, top: 0, right: 1, bottom: KEEP },
  Bottom: { left: 0, top: 1 - KEEP, right: 1, bottom: 1 },
  Left: { left: 0, top: 0, right: KEEP, bottom: 1 },
  Right: { left: 1 - KEEP, top: 0, right: 1, bottom: 1 },
};

const specs = Object.entries(SIDES).map(([side, box]) => ({ name: `blockhash${side}${KEEP * 100}`, side, box }));

/**
 * A side matches within 16 bits, not blockhash's 20: four sides are four chances. Against flat
 * photos, with textures and screenshots among the queries, blockhash made 278 false matches with
 * sides at 20, 131 at 16 (pnpm eval:variant-tail --quality low; BENCHMARKS.md). The watermarked
 * copies the sides are for sit at 0–8.
 */
export const BLOCKHASH_SIDE_THRESHOLD = 16;

/** One signal per side, each searched in the same side of the stored photos. */
export const blockhashSideSignals = specs.map(({ name, side }) =>
  hamming256Signal({
    name,
    description: `blockhash-256 of the ${side.toLowerCase()} ${KEEP * 100} % of the photo inside any bars around it, from its luma (a caption or watermark at the opposite edge left out); it meets only stored photos whose PDQ quality is under 50, when both sides draw enough boundaries between blocks, and a uniform side never matches`,
    threshold: BLOCKHASH_SIDE_THRESHOLD,
    matchable: blockhashSignal.matchable,
    // The sides widen blockhash's tail ×7.5 (eval:variant-tail): only where PDQ cannot speak.
    whenPdqReliable: { quality: PDQ_QUALITY_FLOOR, detailed: detailedBlockhash },
    examples: blockhashSignal.examples,
  }),
);

export { BLOCKHASH_FRAMED };

/**
 * The picture inside its bars (framed-blockhash.ts), searched in the stored blockhash under its
 * rules, as pdqFramed is in the stored PDQ; and in the stored framed values (a photo kept with its bars).
 */
export const blockhashFramedSignal = hamming256Signal({
  name: BLOCKHASH_FRAMED,
  description: 'blockhash-256 of the picture with only the bars of one colour around it trimmed (letterbox, padding, a screen\'s viewer); compared with the stored blockhash, under its rules',
  threshold: blockhashSignal.threshold,
  matchable: blockhashSignal.matchable,
  whenPdqReliable: blockhashSignal.whenPdqReliable,
  searchIn: [blockhashSignal.name, BLOCKHASH_FRAMED],
  examples: blockhashSignal.examples,
});

/** Every blockhash variant: the framed picture (the whole of it, the stronger evidence), then the four sides. */
export const blockhashVariantSignals = [blockhashFramedSignal, ...blockhashSideSignals];

/**
 * The four side blockhashes of a variants' plane (a flat side is left out), each three quarters of
 * `frame`: of the picture inside its bars, so that a screenshot's sides are the picture's, not
 * mostly the screen's bars (which made different screenshots' sides alike).
 */
export function blockhashSideHashes(plane: LumaPlane, frame: Box = WHOLE): Record<string, string> {
  const table = summedArea(plane);
  const out: Record<string, string> = {};
  for (const { name, box } of specs) {
    const hash = blockhashOfBox(plane, table, within(frame, box));
    if (hash) out[name] = hash;
  }
  return out;
}

/** `box`, given as fractions of `frame`, as fractions of the whole plane. */
function within(frame: Box, box: Box): Box {
  const width = frame.right - frame.left;
  const height = frame.bottom - frame.top;
  return { left: frame.left + box.left * width, top: frame.top + box.top * height, right: frame.left + box.right * width, bottom: frame.top + box.bottom * height };
}

/** The side blockhashes and, for a picture with bars, the framed one. */
export function blockhashVariantHashes(source: VariantSource): Record<string, string> {
  // The framed value is one more (as pdqFramed is); the sides replace the whole photo's only
  // inside bars that are bars (a wrong box would cut off what they keep).
  const picture = frameOnPixels(source);
  const framed = framedBlockhash(source, picture);
  const sides = blockhashSideHashes(source.coarse, barsFrame(source) === WHOLE ? WHOLE : picture);
  return { ...(framed && { [BLOCKHASH_FRAMED]: framed }), ...sides };
}
