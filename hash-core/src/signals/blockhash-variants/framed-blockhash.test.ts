/**
 * The framed blockhash: blockhash of the picture inside its bars, so a letterboxed, padded or
 * screenshotted copy meets the stored photo's plain blockhash.
 */
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { framed, texturedPicture } from '../../test-support/pictures.js';
import { blockhash256 } from '../blockhash/blockhash.js';
import { BLOCKHASH_FRAMED, blockhashFramedSignal } from './signal.js';

describe('the framed blockhash', () => {
  it.each([
    ['dark bars above and below', 400, 300, 400, 420, 0, 60, 12],
    ['a white padding all round', 400, 300, 480, 360, 40, 30, 250],
    ['a large picture in a larger screen', 1200, 900, 1400, 1300, 100, 150, 30],
  ] as const)('is the picture\'s own blockhash for %s', (_label, w, h, width, height, left, top, grey) => {
    const picture = texturedPicture(w, h, 4);
    const copy = perceptualHashes(framed(picture, width, height, left, top, [grey, grey, grey]));
    const original = blockhash256(picture);
    expect(hamming(copy.blockhash, original)).toBeGreaterThan(blockhashFramedSignal.threshold);
    expect(hamming(copy.variants![BLOCKHASH_FRAMED]!, original)).toBeLessThanOrEqual(4);
  });

  it('is left out of a picture without bars', () => {
    expect(perceptualHashes(texturedPicture(400, 300, 5)).variants![BLOCKHASH_FRAMED]).toBeUndefined();
  });

  it('is searched in the stored blockhash, and among framed values', () => {
    expect(blockhashFramedSignal.searchIn).toEqual(['blockhash', BLOCKHASH_FRAMED]);
  });
});
