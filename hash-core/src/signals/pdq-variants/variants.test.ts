/**
 * PDQ variants: the content box finds a picture inside borders and screen bars, and each variant
 * brings the edit it stands for back within PDQ's threshold, on synthetic pictures and on real
 * photos of the corpus edited with sharp (the full table is `pnpm eval:images`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { decodeImage } from '../../node/decode.js';
import type { Pixels } from '../../pixels.js';
import { framed, texturedPicture } from '../../test-support/pictures.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { turnedInFrame } from '../../test-support/turned-with-sharp.js';
import { PDQ_MATCH_THRESHOLD } from '../pdq/pdq.js';
import { contentBox } from './content-box.js';
import { lumaPlaneOf, WHOLE } from './luma-plane.js';
import { PDQ_VARIANTS, pdqVariantHashes } from './variants.js';

const picture = texturedPicture;

/** A bar of `colour` with a line of dark "text" blocks across its middle, drawn over `pixels`. */
function drawBar(pixels: Pixels, top: number, height: number, colour: [number, number, number]): void {
  for (let y = top; y < top + height; y++) {
    for (let x = 0; x < pixels.width; x++) {
      const text = y > top + height / 3 && y < top + (2 * height) / 3 && x > 20 && x < pixels.width * 0.6 && x % 9 < 5;
      pixels.data.set(text ? [20, 20, 20] : colour, (y * pixels.width + x) * 3);
    }
  }
}

describe('contentBox', () => {
  it('is the whole frame for a picture without borders', () => {
    expect(contentBox(lumaPlaneOf(picture(300, 200)))).toEqual(WHOLE);
  });

  it.each([
    ['dark letterbox', [30, 30, 30]],
    ['white padding', [255, 255, 255]],
    ['coloured mat', [200, 40, 90]],
  ] as const)('finds the picture inside a %s', (_name, colour) => {
    const box = contentBox(lumaPlaneOf(framed(picture(300, 200), 400, 260, 50, 30, colour)));
    expect(box.left * 400).toBeCloseTo(50, -0.5);
    expect(box.top * 260).toBeCloseTo(30, -0.5);
    expect(box.right * 400).toBeCloseTo(350, -0.5);
    expect(box.bottom * 260).toBeCloseTo(230, -0.5);
  });

  it('finds the picture in a screenshot, past bars that carry text', () => {
    const screen = framed(picture(360, 240), 360, 780, 0, 270, [0, 0, 0]);
    drawBar(screen, 0, 28, [16, 20, 24]);
    drawBar(screen, 28, 48, [45, 108, 223]);
    drawBar(screen, 692, 88, [242, 242, 242]);
    const box = contentBox(lumaPlaneOf(screen));
    expect(box.top * 780).toBeCloseTo(270, -0.5);
    expect(box.bottom * 780).toBeCloseTo(510, -0.5);
    expect([box.left, box.right]).toEqual([0, 1]);
  });

  it('keeps the whole frame when what is left would be a sliver', () => {
    expect(contentBox(lumaPlaneOf(framed(picture(30, 200), 400, 260, 185, 30, [0, 0, 0])))).toEqual(WHOLE);
  });
});

describe('pdqVariantHashes', () => {
  it('gives every variant, the trimmed one only when there is a border, deterministically', () => {
    const plain = pdqVariantHashes(picture(300, 200));
    // Trimmed and framed need a border, straightened a turned picture.
    expect(Object.keys(plain)).toEqual(PDQ_VARIANTS.map((v) => v.name).filter((n) => !/^pdq(Trimmed|Framed|Straightened)/.test(n)));
    expect(pdqVariantHashes(picture(300, 200))).toEqual(plain);
    const bordered = pdqVariantHashes(framed(picture(300, 200), 400, 260, 50, 30, [0, 0, 0]));
    expect(Object.keys(bordered)).toContain('pdqTrimmed');
    // The trimmed hash of the bordered copy is the plain PDQ of the picture, near enough.
    expect(hamming(bordered.pdqTrimmed!, perceptualHashes(picture(300, 200)).pdq)).toBeLessThanOrEqual(10);
  });

  it('leaves out variants too flat to be trusted', () => {
    const flat: Pixels = { width: 200, height: 200, data: new Uint8Array(200 * 200 * 3).fill(90) };
    expect(pdqVariantHashes(flat)).toEqual({});
  });
});

describeWithShared('PDQ variants on real photos edited with sharp', () => {
  const photos = ['0001', '0034', '0107'].map((id) => sharedPath('corpus/images', `${id}.jpg`));

  async function hashes(bytes: Uint8Array) {
    return perceptualHashes(await decodeImage(bytes));
  }

  it.each(photos)('%s: a crop, a border and a tilt each come back within the threshold through one variant', async (file) => {
    const sharp = (await import('sharp')).default;
    const bytes = readFileSync(file);
    const original = await hashes(bytes);
    const { width, height } = (await sharp(bytes).metadata()) as { width: number; height: number };
    const edits = {
      crop: sharp(bytes).extract({ left: Math.round(width * 0.05), top: Math.round(height * 0.05), width: Math.round(width * 0.9), height: Math.round(height * 0.9) }),
      border: sharp(bytes).extend({ top: 40, bottom: 40, left: 60, right: 60, background: '#202020' }),
      // Turned 3° keeping the frame, corners black (as ImageMagick's -distort SRT does).
      tilt: await turnedInFrame(bytes, 3),
    };
    for (const [name, edit] of Object.entries(edits)) {
      const copy = await hashes(new Uint8Array(await edit.jpeg({ quality: 80 }).toBuffer()));
      // Plain PDQ misses the edit…
      expect(hamming(copy.pdq, original.pdq), `${name}: plain`).toBeGreaterThan(PDQ_MATCH_THRESHOLD);
      // …and the variants catch it: the copy's PDQ or trimmed PDQ against a stored variant, or like for like.
      const stored: Record<string, string> = { pdq: original.pdq, ...original.variants };
      const query: Record<string, string> = { pdq: copy.pdq, ...copy.variants };
      const best = Math.min(
        ...Object.values(stored).map((h) => hamming(query.pdq!, h)),
        ...(query.pdqTrimmed ? [hamming(query.pdqTrimmed, stored.pdq!)] : []),
        ...Object.keys(query).filter((k) => k !== 'pdq' && stored[k]).map((k) => hamming(query[k]!, stored[k]!)),
      );
      expect(best, name).toBeLessThanOrEqual(PDQ_MATCH_THRESHOLD);
    }
  });
});
