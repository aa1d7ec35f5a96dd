/**
 * An editor's straighten (turned a few degrees, cut to the largest upright rectangle): the stored
 * photo's turned crops are read from the blurred plane where the turned cells fall, and meet such
 * a copy of a real photo, which plain PDQ and the other variants miss.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { decodeImage } from '../../node/decode.js';
import type { Pixels } from '../../pixels.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { straightenedCut } from '../../test-support/turned-with-sharp.js';
import { PDQ_GRID } from '../pdq/decimate.js';
import { PDQ_MATCH_THRESHOLD, variantPdqFromGrid } from '../pdq/pdq.js';
import { centredBox } from './luma-plane.js';
import { boxIndices } from './sample-grid.js';
import { PDQ_VARIANT_THRESHOLD } from './signal.js';
import { largestUprightKeep, turnedCropSample } from './turned-crop.js';
import { TURNED_CROP_DEGREES, turnedCropName, variantSource } from './variants.js';
import { straightenedGrid } from './warped-grid.js';

describe('largestUprightKeep', () => {
  it('keeps the whole picture unturned, and what geometry says turned', () => {
    expect(largestUprightKeep(0, 400, 300)).toBe(1);
    expect(largestUprightKeep(45, 300, 300)).toBeCloseTo(Math.SQRT1_2, 12);
    // 4:3 turned 3°: the long side limits it, 1 / (cos 3° + 4/3 · sin 3°).
    expect(largestUprightKeep(3, 400, 300)).toBeCloseTo(0.93597, 5);
    expect(largestUprightKeep(-3, 300, 400)).toBeCloseTo(largestUprightKeep(3, 400, 300), 12);
  });
});

describe('turnedCropSample', () => {
  it('reads each cell where the turned picture puts it: on a ramp, the turned ramp', () => {
    // Luma = x / 2: a box blur leaves a ramp as it is away from the edges, so each cell must read
    // the x of its centre turned back about the plane's centre (clockwise turn: x' = cx + dx·cos + dy·sin).
    const [width, height] = [500, 360];
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) data.fill(((i % width) >> 1), i * 3, i * 3 + 3);
    const ramp: Pixels = { width, height, data };
    const { blurred } = variantSource(ramp);
    for (const degrees of [3.25, -1.75]) {
      const grid = turnedCropSample(blurred, degrees);
      const box = centredBox(largestUprightKeep(degrees, width, height));
      const [xs, ys] = [boxIndices(box.left, box.right, width), boxIndices(box.top, box.bottom, height)];
      const angle = (degrees * Math.PI) / 180;
      const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
      for (const [i, j] of [[0, 0], [0, PDQ_GRID - 1], [PDQ_GRID - 1, 0], [31, 40], [PDQ_GRID - 1, PDQ_GRID - 1]] as const) {
        const x = cx + (xs[j]! - cx) * Math.cos(angle) + (ys[i]! - cy) * Math.sin(angle);
        // The ramp steps by 1 every 2 pixels: within a level of the exact value.
        expect(grid[i * PDQ_GRID + j], `${degrees}° cell ${i},${j}`).toBeCloseTo(x / 2, -0.5);
      }
    }
  });
});

/** A real photo straightened by sharp (clockwise for positive degrees), saved as a JPEG. */
async function straightenedWithSharp(bytes: Uint8Array, degrees: number): Promise<Uint8Array> {
  return new Uint8Array(await (await straightenedCut(bytes, degrees)).jpeg({ quality: 80 }).toBuffer());
}

describeWithShared('real photos straightened with sharp', () => {
  const photos = ['0001', '0034', '0107'];

  it.each(photos)('%s: each turned crop read from the blur is within a few bits of the exact sums of the turned plane', async (id) => {
    const source = variantSource(await decodeImage(readFileSync(sharedPath('corpus/images', `${id}.jpg`))));
    const { width, height } = source.plane;
    for (const degrees of TURNED_CROP_DEGREES) {
      const box = centredBox(largestUprightKeep(degrees, width, height));
      // warped-grid.ts turns the plane and blurs it; its "turned picture" is the plane turned the other way.
      const turned = { degrees: -degrees, centreX: width / 2, centreY: height / 2, width, height };
      const exact = variantPdqFromGrid(straightenedGrid(source.plane, turned, box)).hash;
      // Over the 180 corpus photos: median 2 bits, 90th percentile 6, the most 26 (a fine texture).
      expect(hamming(variantPdqFromGrid(turnedCropSample(source.blurred, degrees)).hash, exact), `${degrees}°`).toBeLessThanOrEqual(16);
    }
  });

  it.each([
    ['0001', 3],
    ['0034', -3],
    ['0107', 1.5],
    ['0107', -2],
  ] as const)('%s straightened %s°: a stored turned crop is within the threshold, plain PDQ and every other variant are not', async (id, degrees) => {
    const bytes = readFileSync(sharedPath('corpus/images', `${id}.jpg`));
    const stored = perceptualHashes(await decodeImage(bytes));
    const query = perceptualHashes(await decodeImage(await straightenedWithSharp(bytes, degrees)));
    expect(hamming(query.pdq, stored.pdq)).toBeGreaterThan(PDQ_MATCH_THRESHOLD);
    // In its own direction only.
    const crops = (sign: number) => TURNED_CROP_DEGREES.filter((d) => Math.sign(d) === sign).map((d) => hamming(query.pdq, stored.variants![turnedCropName(d)]!));
    expect(Math.min(...crops(Math.sign(degrees)))).toBeLessThanOrEqual(PDQ_VARIANT_THRESHOLD);
    expect(Math.min(...crops(-Math.sign(degrees)))).toBeGreaterThan(PDQ_VARIANT_THRESHOLD);
    const others = Object.entries(stored.variants!).filter(([name]) => !name.startsWith('pdqTurnCrop'));
    expect(Math.min(...others.map(([, value]) => hamming(query.pdq, value)))).toBeGreaterThan(PDQ_VARIANT_THRESHOLD);
  });
});
