import { hamming256Signal } from '../hamming-signal.js';
import { PDQ_VARIANTS } from '../pdq-variants/variants.js';
import { PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR } from './pdq.js';

export const pdqSignal = hamming256Signal({
  name: 'pdq',
  description: "Meta's PDQ perceptual hash: survives re-encoding, resizing and mild edits",
  threshold: PDQ_MATCH_THRESHOLD,
  qualityFloor: PDQ_QUALITY_FLOOR,
  // PDQ's quality counts the steps between neighbouring cells of at least 1 % of full range, so a
  // darkened, faded or blurred copy of a detailed photo falls under the floor while its hash stays
  // within a median of 10 bits of the photo's (94 % within 24). 495 such queries came no nearer
  // than 52 bits to 10⁶ distractors. At quality 0 (no such step) a one-colour picture's hash is its
  // JPEG blocks' pattern, and one came to 18 (pnpm eval:distractors, BENCHMARKS.md). Also in the
  // stored mirror (pdqMirrored): a darkened copy that is flipped as well.
  underFloorQuery: { minQuality: 1, radius: 24, searchIn: ['pdq', 'pdqMirrored'] },
  // A platform that sends plain PDQ also finds crops, tilts and bordered copies of stored photos.
  searchIn: ['pdq', ...PDQ_VARIANTS.map((v) => v.name)],
  examples: {
    valid: [
      '34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466ed',
      'D373C4D8E7760CD9272308CE237359CCB3271CBD36349C9C35308CCDE323CACE',
    ],
    invalid: ['34ecd331', '34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466e', 'x'.repeat(64), 7, null, undefined],
    distances: [
      // The same photo as PNG and as JPEG (shared/reference/pdq png.tsv vs jpeg.tsv, file 0001)
      ['34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466ed', '34ecd331f4ec38345ad496b5edb4ea44def08d4c93d638301d2c5d12c59466ed', 2],
      ['0'.repeat(64), 'f'.repeat(64), 256],
    ],
  },
});
