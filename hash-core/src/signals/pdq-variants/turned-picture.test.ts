/**
 * A picture turned a little on a canvas of one colour: the four wedges give its angle, centre and
 * size, and nothing else is taken for one (a plain photo, bars, dark corners, an object on a plain
 * ground). On real photos turned with sharp, the straightened centre is the stored central crop.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { decodeImage } from '../../node/decode.js';
import type { Pixels } from '../../pixels.js';
import { framed, texturedPicture, turnedPixels } from '../../test-support/pictures.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { turnedInFrame } from '../../test-support/turned-with-sharp.js';
import { lumaPlaneOf } from './luma-plane.js';
import { findTurnedPicture } from './turned-picture.js';
import { PDQ_VARIANT_THRESHOLD } from './signal.js';

const find = (pixels: Pixels) => findTurnedPicture(lumaPlaneOf(pixels, 640));
const photo = texturedPicture(360, 240, 5);

describe('findTurnedPicture', () => {
  it.each([3, -3, 1, -1.5, 6, -8])('finds a picture turned %s° keeping its frame: angle, centre and size', (degrees) => {
    const turned = find(turnedPixels(photo, degrees));
    expect(turned).not.toBeNull();
    expect(Math.abs(turned!.degrees - degrees)).toBeLessThan(0.1);
    expect(Math.abs(turned!.centreX - 180)).toBeLessThan(1);
    expect(Math.abs(turned!.centreY - 120)).toBeLessThan(1);
    expect(Math.abs(turned!.width - 360)).toBeLessThan(1.5);
    expect(Math.abs(turned!.height - 240)).toBeLessThan(1.5);
  });

  it('finds it on a white canvas, and on a canvas grown to hold the whole picture', () => {
    expect(find(turnedPixels(photo, 4, { colour: [255, 255, 255] }))!.degrees).toBeCloseTo(4, 1);
    const grown = turnedPixels(photo, -5, { grow: true });
    const turned = find(grown)!;
    expect(turned.degrees).toBeCloseTo(-5, 1);
    expect(Math.abs(turned.width - 360)).toBeLessThan(1.5);
    expect(Math.abs(turned.centreX - grown.width / 2)).toBeLessThan(1);
  });

  it('finds it from three sides when the picture is as white as the canvas along the fourth (a bright sky)', () => {
    // White down to a wavy line 20–40 rows from the top, as clouds: no straight wedge there.
    const sky = Uint8Array.from(photo.data);
    for (let x = 0; x < photo.width; x++) for (let y = 0; y < 30 + 10 * Math.sin(x / 17); y++) sky.fill(255, (y * photo.width + x) * 3, (y * photo.width + x) * 3 + 3);
    const turned = find(turnedPixels({ ...photo, data: sky }, 3, { colour: [255, 255, 255] }))!;
    expect(Math.abs(turned.degrees - 3)).toBeLessThan(0.1);
    expect(Math.abs(turned.centreY - 120)).toBeLessThan(1.5);
    expect(Math.abs(turned.height - 240)).toBeLessThan(2);
  });

  it('takes nothing else for a turned picture', () => {
    const darkCorners = vignetted(photo);
    expect(find(photo)).toBeNull();
    expect(find(framed(photo, 420, 300, 30, 30, [0, 0, 0]))).toBeNull(); // bars: a wedge of no angle
    expect(find(darkCorners)).toBeNull();
    expect(find(disc(360, 240))).toBeNull();
    expect(find(turnedPixels(photo, 0.2))).toBeNull(); // within plain PDQ's reach, wedges under a pixel
  });
});

/** The photo darkened towards its corners, down to black in them (a lens's vignetting). */
function vignetted(p: Pixels): Pixels {
  const data = Uint8Array.from(p.data);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const r = Math.hypot((x - p.width / 2) / (p.width / 2), (y - p.height / 2) / (p.height / 2)) / Math.SQRT2;
      const gain = Math.max(0, Math.min(1, (1 - r) / 0.35));
      for (let c = 0; c < 3; c++) data[(y * p.width + x) * 3 + c] = Math.round(data[(y * p.width + x) * 3 + c]! * gain);
    }
  }
  return { width: p.width, height: p.height, data };
}

/** A textured disc on a black ground. */
function disc(width: number, height: number): Pixels {
  const inner = texturedPicture(width, height, 9);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (Math.hypot(x - width / 2, y - height / 2) < height * 0.45) data.set(inner.data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3), (y * width + x) * 3);
  }
  return { width, height, data };
}

describeWithShared('straightening real photos turned with sharp', () => {
  it.each([
    ['0001', 7.5],
    ['0034', -4.5],
    ['0107', 6],
  ] as const)('%s turned %s°: its straightened centre is within a few bits of the stored crop, where the stored tilts are not', async (id, degrees) => {
    const bytes = readFileSync(sharedPath('corpus/images', `${id}.jpg`));
    const copy = await (await turnedInFrame(bytes, degrees)).jpeg({ quality: 80 }).toBuffer();
    const stored = perceptualHashes(await decodeImage(bytes)).variants!;
    const query = perceptualHashes(await decodeImage(new Uint8Array(copy)));
    const keep = query.variants!.pdqStraightened90 ? 90 : 80;
    const straightened = query.variants![`pdqStraightened${keep}`];
    expect(straightened, 'a straightened centre').toEqual(expect.any(String));
    expect(hamming(straightened!, stored[`pdqCenter${keep}`]!)).toBeLessThanOrEqual(12);
    const tilts = Math.min(hamming(query.pdq, stored.pdqTiltCw!), hamming(query.pdq, stored.pdqTiltCcw!));
    expect(tilts).toBeGreaterThan(PDQ_VARIANT_THRESHOLD);
  });
});
