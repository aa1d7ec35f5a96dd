import { hamming256Signal } from '../hamming-signal.js';
import { PDQ_QUALITY_FLOOR } from '../pdq/pdq.js';
import { blockhashTransitions, isUniformBlockhash, mirrorBlockhash } from './blockhash.js';

/**
 * Below this many boundaries between blocks (of 480; see blockhashTransitions), a blockhash is a
 * coarse layout, every similar picture's. Against stored photos PDQ cannot hash, blockhash at 20
 * with its sides met ~1 distractor per query per 20,000 such photos (eval:variant-tail --quality
 * low); in a sample of another seed, each of the 91 whole-blockhash matches had a value under 50
 * boundaries. Corpus photos draw 42 or more (median 117); the low-quality one and its copies 78–124.
 */
export const BLOCKHASH_MIN_TRANSITIONS = 64;

/** Whether a blockhash holds enough of its picture's layout to be matched at the full threshold. */
export const detailedBlockhash = (value: string) => blockhashTransitions(value) >= BLOCKHASH_MIN_TRANSITIONS;

/** The blockhash of the picture inside its bars (blockhash-variants): its name, for `searchIn`. */
export const BLOCKHASH_FRAMED = 'blockhashFramed';

export const blockhashSignal = hamming256Signal({
  name: 'blockhash',
  description: `blockhash-256: block means against the median; matched at its threshold against stored photos PDQ cannot hash (quality under 50) when both values draw at least ${BLOCKHASH_MIN_TRANSITIONS} boundaries between blocks, within 6 bits otherwise; within 8 bits against the other stored photos. A uniform picture's value (in each band of 64 bits, at most 2 differ from the rest) never matches. Also searched mirrored left to right (each row of 16 bits reversed), and among stored framed values (blockhashFramed)`,
  // Provisional: about 8 % of the bits. The evaluation harness (robustness issue) sets it from data.
  threshold: 20,
  // A uniform picture's blockhash (all zeros or ones) is every uniform picture's: kept, never matched.
  matchable: (value) => !isUniformBlockhash(value),
  // At 20 only against the stored photos PDQ cannot hash (quality under 50); within 8 bits for the
  // others: against real-content distractors whose PDQ is reliable, blockhash at 20 matched 339 of
  // 3 × 10⁸ pairs (~1 false match per query at 1M; the PDQ family none), the closest at 12 bits.
  // See BENCHMARKS (eval:variant-tail).
  // And a coarse layout, stored or queried, is held to 8 bits too (its sides to none); to 6 when
  // the stored photo is one PDQ cannot hash: against such photos, with renderings and textures
  // among the queries, that took blockhash's false matches from 131 to 54.
  whenPdqReliable: { quality: PDQ_QUALITY_FLOOR, radius: 8, detailed: detailedBlockhash, coarseRadius: 6 },
  // Mirrored copies: PDQ finds them in the stored pdqMirrored, which a flat photo does not have.
  // The sides are not mirrored: with them, the mirror took blockhash's false matches against flat
  // photos from 54 to 98 (eval:variant-tail --quality low); see BENCHMARKS for the whole alone.
  mirrored: { signal: 'blockhash', mirror: mirrorBlockhash },
  // A stored screenshot or letterboxed photo is found from the bare picture, by its framed value.
  searchIn: ['blockhash', BLOCKHASH_FRAMED],
  examples: {
    valid: ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff01'],
    invalid: ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff0', '', false],
    distances: [
      ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff01', '9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff00', 1],
    ],
  },
});
