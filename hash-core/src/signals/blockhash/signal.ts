import { hamming256Signal } from '../hamming-signal.js';
import { isUniformBlockhash } from './blockhash.js';

export const blockhashSignal = hamming256Signal({
  name: 'blockhash',
  description: 'blockhash-256: block means against the median; a second, independent perceptual signal. A uniform picture\'s value (in each band of 64 bits, at most 2 differ from the rest) never matches',
  // Provisional: about 8 % of the bits. The evaluation harness (robustness issue) sets it from data.
  threshold: 20,
  // A uniform picture's blockhash (all zeros or ones) is every uniform picture's: kept, never matched.
  matchable: (value) => !isUniformBlockhash(value),
  examples: {
    valid: ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff01'],
    invalid: ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff0', '', false],
    distances: [
      ['9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff01', '9cfde03dc4198467ad671d171c071c5b1ff81bf919d9181838f8f890f807ff00', 1],
    ],
  },
});
