import { hamming256Signal } from '../hamming-signal.js';
import { pdqSignal } from '../pdq/signal.js';
import { PDQ_MATCH_THRESHOLD } from '../pdq/pdq.js';
import { PDQ_TRIMMED, PDQ_VARIANTS } from './variants.js';

/**
 * One signal type per PDQ variant. A query's trimmed PDQ is searched among the stored plain and
 * trimmed PDQ (the border may be on either side); every other variant among the same variant of
 * the stored photos (a watermark at an edge is left out of both). The threshold is PDQ's:
 * measured by `pnpm eval:images`, it raises no false match between distinct photos.
 */
export const pdqVariantSignals = PDQ_VARIANTS.map((spec) =>
  hamming256Signal({
    name: spec.name,
    description: spec.description,
    threshold: PDQ_MATCH_THRESHOLD,
    examples: pdqSignal.examples,
    searchIn: spec.name === PDQ_TRIMMED ? [pdqSignal.name, PDQ_TRIMMED] : [spec.name],
  }),
);
