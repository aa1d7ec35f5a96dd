/**
 * A query's variants of its picture mirrored left to right. A repost is often flipped *and* cut
 * or framed; the stored photo keeps its crops and trimmed picture unflipped, and the mirror of the
 * whole (pdqMirrored) is no longer the copy's once it is cut. So the query mirrors itself back:
 * the crops and the trimmed picture of its mirror meet the stored ones as a plain copy's would.
 * Only for querying (like the dihedral hashes): nothing more is stored, nor hashed on the page.
 */
import { orient } from '../../orient.js';
import type { Pixels } from '../../pixels.js';
import { PDQ_QUALITY_FLOOR, variantPdqFromGrid } from '../pdq/pdq.js';
import { pdqSignal } from '../pdq/signal.js';
import { searchedIn } from '../signal-type.js';
import { pdqVariantSignals } from './signal.js';
import { centredBox } from './luma-plane.js';
import { sampleBox } from './sample-grid.js';
import { PDQ_FRAMED, PDQ_TRIMMED, pdqVariantHashes, variantSource, type PdqVariantHashes } from './variants.js';

/**
 * The variants a mirrored query carries: the trimmed and framed picture (bars, padding), the
 * central crops and the one-side 90 % crops. Not the tilts: a flipped and tilted copy is a third
 * edit, and each hash sent is another chance of a coincidence.
 */
export const MIRRORED_QUERY_VARIANTS = [
  PDQ_TRIMMED,
  PDQ_FRAMED,
  'pdqCenter95',
  'pdqCenter90',
  'pdqCenter85',
  'pdqCenter80',
  'pdqLeft90',
  'pdqRight90',
  'pdqTop90',
  'pdqBottom90',
] as const;

/** `pixels` (RGB or RGBA) mirrored left to right: EXIF orientation 2 applied. */
export function mirroredLeftRight(pixels: Pixels): Pixels {
  return orient(pixels, 2);
}

/**
 * The mirror's plain PDQ (`pdq`) and its MIRRORED_QUERY_VARIANTS (those under PDQ's quality floor
 * left out): a flipped copy cut 5 % from each edge is, mirrored back, the stored photo's central
 * 90 %.
 */
export function mirroredQueryHashes(pixels: Pixels): PdqVariantHashes {
  const mirrored = mirroredLeftRight(pixels);
  const source = variantSource(mirrored);
  // The whole picture from the variants' plane, as its crops are: it is only compared with them.
  const plain = variantPdqFromGrid(sampleBox(source.blurred, centredBox(1)));
  return {
    ...(plain && plain.quality >= PDQ_QUALITY_FLOOR && { [pdqSignal.name]: plain.hash }),
    ...pdqVariantHashes(mirrored, MIRRORED_QUERY_VARIANTS, source),
  };
}

/**
 * The stored signals a mirrored query hash is searched in (none for a name not sent so): a
 * variant's as when sent unflipped; the mirror's plain PDQ only among the stored crops and trimmed
 * pictures (the stored pdqMirrored already meets a flipped copy that is not cut, and the tilts
 * would only add coincidences).
 */
export function searchedInMirrored(name: string): readonly string[] {
  if (name === pdqSignal.name) return MIRRORED_QUERY_VARIANTS;
  const signal = (MIRRORED_QUERY_VARIANTS as readonly string[]).includes(name) ? pdqVariantSignals.find((s) => s.name === name) : undefined;
  return signal ? searchedIn(signal) : [];
}
