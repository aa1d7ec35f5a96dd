/**
 * The framed blockhash: blockhash of the picture inside its bars, so a letterboxed, padded or
 * screenshotted copy meets the stored photo's plain blockhash; and the side blockhashes, taken
 * inside the same bars.
 */
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { framed, texturedPicture } from '../../test-support/pictures.js';
import { blockhash256 } from '../blockhash/blockhash.js';
import type { Pixels } from '../../pixels.js';
import { WHOLE } from '../pdq-variants/luma-plane.js';
import { variantSource } from '../pdq-variants/variants.js';
import { barsFrame } from './framed-blockhash.js';
import { BLOCKHASH_FRAMED, blockhashFramedSignal, blockhashSideHashes, blockhashSideSignals } from './signal.js';

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

/** Soft vertical grain, ±6 levels (a wall, wood), with bright text over its bottom fifth. */
function grainWithText(width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const text = y > height * 0.82 && y < height * 0.95 && x > width * 0.3 && (x % 13 < 5 || y % 9 < 2);
      const v = text ? 245 : 150 + 4 * Math.sin(x / 7 + Math.sin(y / 40)) + 2 * Math.sin((x + y) / 23);
      data.set([v, 0.8 * v, 0.6 * v], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

describe('the bars the framed and side blockhashes leave out', () => {
  it('are bars of one colour to the level, not a flat photo\'s own wall or grain', () => {
    const source = variantSource(grainWithText(360, 270));
    expect(source.frame).not.toEqual(WHOLE); // the frame box takes the grain above the text for bars
    expect(barsFrame(source)).toBe(WHOLE);
    // Its sides are the whole picture's, as they would be without the text.
    const sides = blockhashSideHashes(source.coarse);
    const hashes = perceptualHashes(grainWithText(360, 270)).variants!;
    for (const { name } of blockhashSideSignals) expect(hashes[name], name).toBe(sides[name]);
  });

  it('leave the sides of a padded or screenshotted copy the picture\'s own', () => {
    const picture = texturedPicture(400, 300, 6);
    const own = perceptualHashes(picture).variants!;
    for (const copy of [framed(picture, 480, 360, 40, 30, [250, 250, 250]), framed(picture, 400, 860, 0, 280, [0, 0, 0])]) {
      const hashes = perceptualHashes(copy).variants!;
      const withTheBars = blockhashSideHashes(variantSource(copy).coarse);
      for (const { name, threshold } of blockhashSideSignals) {
        // Half the side threshold: the two coarse planes sample the picture on different grids.
        expect(hamming(hashes[name]!, own[name]!), name).toBeLessThanOrEqual(threshold / 2);
        expect(hamming(withTheBars[name]!, own[name]!), name).toBeGreaterThan(threshold);
      }
    }
  });
});
