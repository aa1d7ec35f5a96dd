import { hamming256Signal } from '../hamming-signal.js';
import { PDQ_QUALITY_FLOOR } from '../pdq/pdq.js';
import { pdqSignal } from '../pdq/signal.js';
import { centreName, PDQ_FRAMED, PDQ_TRIMMED, PDQ_VARIANTS, STRAIGHTENED_KEEPS, straightenedName, TURNED_CROP_DEGREES, turnedCropName } from './variants.js';

/**
 * One signal type per PDQ variant. A query's trimmed PDQ is searched among the stored plain and
 * trimmed PDQ (the border may be on either side), its framed PDQ (bars only) among those and the
 * stored framed PDQ; a straightened picture's centre among the same central crops and the stored
 * straightened centres (either photo may be the turned one); a photo turned and cut as an editor's
 * straighten among the stored plain PDQ (the victim may hold the straightened copy, and a platform
 * meet the photo as it was taken); every other variant among the same variant of the stored photos
 * (a watermark at an edge is left out of both).
 */
const SEARCHED_IN: Record<string, readonly string[]> = {
  [PDQ_TRIMMED]: [pdqSignal.name, PDQ_TRIMMED],
  [PDQ_FRAMED]: [pdqSignal.name, PDQ_TRIMMED, PDQ_FRAMED],
  ...Object.fromEntries(
    STRAIGHTENED_KEEPS.flatMap((keep) => {
      const [centre, upright] = [centreName(keep), straightenedName(keep)];
      return [[centre, [centre, upright]], [upright, [centre, upright]]];
    }),
  ),
  ...Object.fromEntries(TURNED_CROP_DEGREES.map((degrees) => [turnedCropName(degrees), [pdqSignal.name]])),
};

/**
 * A variant matches at ≤ 28 bits, not PDQ's 31: each query meets some twenty variants per stored
 * photo, and `pnpm eval:variant-tail` puts their cost in false matches at ×117 PDQ's at 31 and ×54
 * at 28 (23 variants), while `pnpm eval:images` finds the same copies at both.
 */
export const PDQ_VARIANT_THRESHOLD = 28;

export const pdqVariantSignals = PDQ_VARIANTS.map((spec) =>
  hamming256Signal({
    name: spec.name,
    description: spec.description,
    threshold: PDQ_VARIANT_THRESHOLD,
    examples: pdqSignal.examples,
    searchIn: SEARCHED_IN[spec.name] ?? [spec.name],
    // The item's quality is its plain PDQ's (the photo's), which is what such a variant needs.
    ...(spec.needsPictureQuality && { qualityFloor: PDQ_QUALITY_FLOOR }),
  }),
);
