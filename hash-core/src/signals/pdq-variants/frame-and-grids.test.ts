/**
 * The parts that make trimmed, turned and mirrored PDQ variants exact and cheap: the frame box
 * (only the bars, not a photo's own flat sky), the content box placed on the photo's own pixels
 * (past a JPEG's ringing), and the turned, straightened and mirrored grids read straight from the plane.
 */
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import type { Pixels } from '../../pixels.js';
import { framed, texturedPicture, turnedPixels } from '../../test-support/pictures.js';
import { jaroszBlur } from '../pdq/decimate.js';
import { pdqFromGrid, pdqFromLuma } from '../pdq/pdq.js';
import { contentBoxes } from './content-box.js';
import { binnedPlane, centredBox, cropPixels, cropPlane, lumaPlaneOf, WHOLE, type LumaPlane } from './luma-plane.js';
import { refineBox } from './refine-box.js';
import { mirroredSample, sampleBox } from './sample-grid.js';
import { pdqVariantHashes } from './variants.js';
import { findTurnedPicture } from './turned-picture.js';
import { mirroredGrid, straightenedGrid, turnedGrid, turnedSample } from './warped-grid.js';

/** A picture whose top `skyRows` are a flat sky drifting from `from` to `to` (luma-ish), as a photo's own. */
function withSky(picture: Pixels, skyRows: number, from: number, to: number): Pixels {
  const data = Uint8Array.from(picture.data);
  for (let y = 0; y < skyRows; y++) {
    const v = Math.round(from + ((to - from) * y) / skyRows);
    for (let x = 0; x < picture.width; x++) data.set([v - 20, v, v + 40], (y * picture.width + x) * 3);
  }
  return { ...picture, data };
}

const px = (box: { left: number; top: number; right: number; bottom: number }, width: number, height: number) =>
  [box.left * width, box.top * height, box.right * width, box.bottom * height].map((v) => Math.round(v));

describe('frame box', () => {
  it('trims the bars of a letterbox but not the photo’s own sky, which the content box trims', () => {
    const photo = withSky(texturedPicture(300, 200), 60, 150, 175);
    const copy = framed(photo, 400, 260, 50, 30, [30, 30, 30]);
    const { content, frame } = contentBoxes(lumaPlaneOf(copy));
    expect(px(frame, 400, 260)).toEqual([50, 30, 350, 230]);
    expect(content.top * 260).toBeGreaterThan(30 + 50); // the sky is gone from the content box
    // The original has no bars: its sky goes from the content box only.
    const original = contentBoxes(lumaPlaneOf(photo));
    expect(original.frame).toEqual(WHOLE);
    expect(original.content.top * 200).toBeGreaterThan(50);
  });

  it('in a screenshot, is the photo inside the black viewer, not the UI bars', () => {
    const photo = withSky(texturedPicture(360, 240), 80, 150, 175);
    const screen = framed(photo, 360, 780, 0, 270, [0, 0, 0]);
    const bar = (top: number, height: number, colour: [number, number, number]) => {
      for (let y = top; y < top + height; y++) {
        for (let x = 0; x < 360; x++) {
          const text = y > top + height / 3 && y < top + (2 * height) / 3 && x > 20 && x < 200 && x % 9 < 5;
          screen.data.set(text ? (colour[0] > 128 ? [50, 50, 50] : [250, 250, 250]) : colour, (y * 360 + x) * 3);
        }
      }
    };
    bar(0, 28, [16, 20, 24]);
    bar(28, 48, [45, 108, 223]);
    bar(692, 88, [242, 242, 242]);
    const { frame } = contentBoxes(lumaPlaneOf(screen));
    expect(px(frame, 360, 780)).toEqual([0, 270, 360, 510]);
  });
});

describe('refineBox', () => {
  it('puts a letterbox’s edges on the photo’s own pixels, past the ringing of a JPEG', () => {
    const photo = texturedPicture(1200, 800);
    const copy = framed(photo, 1440, 960, 120, 80, [30, 30, 30]);
    // Ringing: the 4 bar rows and columns next to the picture wobble around the bar's colour.
    const wobble = (x: number, y: number) => copy.data.set(((x + y) % 3 === 0 ? [46, 46, 46] : [22, 22, 22]), (y * 1440 + x) * 3);
    for (let k = 1; k <= 4; k++) {
      for (let x = 120; x < 1320; x++) wobble(x, 80 - k), wobble(x, 880 - 1 + k);
      for (let y = 80; y < 880; y++) wobble(120 - k, y), wobble(1320 - 1 + k, y);
    }
    const plane = lumaPlaneOf(copy); // 512 px: a plane pixel is 2.8 photo pixels
    const { content, margins } = contentBoxes(plane);
    expect(px(refineBox(copy, content, plane.width, plane.height, margins), 1440, 960)).toEqual([120, 80, 1320, 880]);
    // And the trimmed PDQ is the photo's (hashed at 1024 px: a resize away from the original's).
    expect(hamming(pdqVariantHashes(copy).pdqTrimmed!, perceptualHashes(photo).pdq)).toBeLessThanOrEqual(16);
  });

  it('leaves a box without bars as it is', () => {
    const photo = texturedPicture(600, 400);
    expect(refineBox(photo, WHOLE, 512, 341)).toEqual(WHOLE);
  });
});

describe('turned and mirrored grids', () => {
  /** The reference: make the turned (or mirrored) plane, blur it whole, sample PDQ's cells (of `box`). */
  function gridOf(plane: LumaPlane, box = WHOLE): Float32Array {
    return sampleBox({ width: plane.width, height: plane.height, blurred: jaroszBlur(plane.luma, plane.width, plane.height) }, box).slice();
  }
  /** A `width` × `height` plane whose pixel (x, y) is `plane` read bilinearly at `source(x, y)` (outside the plane 0). */
  function warped(plane: LumaPlane, width: number, height: number, source: (x: number, y: number) => [number, number]): LumaPlane {
    const at = (i: number, j: number) => plane.luma[j * plane.width + i]!;
    const out = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const [sx, sy] = source(x, y);
        const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
        if (x0 < 0 || y0 < 0 || x0 + 1 >= plane.width || y0 + 1 >= plane.height) continue;
        const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * (sx - x0);
        const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * (sx - x0);
        out[y * width + x] = top + (bottom - top) * (sy - y0);
      }
    }
    return { width, height, luma: out };
  }
  function turned(plane: LumaPlane, degrees: number): LumaPlane {
    const { width, height } = plane;
    const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
    const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
    return warped(plane, width, height, (x, y) => [cos * (x - cx) + sin * (y - cy) + cx, -sin * (x - cx) + cos * (y - cy) + cy]);
  }
  function mirrored(plane: LumaPlane): LumaPlane {
    const out = new Float32Array(plane.luma.length);
    for (let y = 0; y < plane.height; y++) for (let x = 0; x < plane.width; x++) out[y * plane.width + x] = plane.luma[y * plane.width + plane.width - 1 - x]!;
    return { ...plane, luma: out };
  }
  const maxDifference = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

  it.each([
    [300, 200],
    [512, 341],
    [333, 512],
    [64, 64],
  ])('equal the PDQ of the turned and mirrored %i × %i plane, to float rounding', (width, height) => {
    const plane = lumaPlaneOf(texturedPicture(width, height, width));
    for (const degrees of [2.5, -2.5]) {
      const reference = turned(plane, degrees);
      expect(maxDifference(turnedGrid(plane, degrees), gridOf(reference))).toBeLessThan(0.01);
      expect(pdqFromGrid(turnedGrid(plane, degrees)).hash).toBe(pdqFromLuma(reference.luma, width, height).hash);
    }
    const reference = mirrored(plane);
    expect(maxDifference(mirroredGrid(plane), gridOf(reference))).toBeLessThan(0.01);
    expect(pdqFromGrid(mirroredGrid(plane)).hash).toBe(pdqFromLuma(reference.luma, width, height).hash);
  });

  it.each([
    [300, 200],
    [512, 341],
    [640, 480],
    [64, 64],
  ])('for a %i × %i tilt, keep the exact sums along the edges and in the corners, and read the rest from the blur', (width, height) => {
    const plane = lumaPlaneOf(texturedPicture(width, height, width), 640);
    const blurred = { width, height, blurred: jaroszBlur(plane.luma, width, height) };
    for (const degrees of [2.5, -2.5]) {
      const exact = Float32Array.from(turnedGrid(plane, degrees));
      const sampled = turnedSample(plane, blurred, degrees);
      // Corners (the black wedges) and edges (the blur shortened at the frame): the exact sums.
      for (const cell of [0, 1, 64, 63, 64 * 63, 4095, 32, 64 * 32]) expect(sampled[cell], `cell ${cell}`).toBeCloseTo(exact[cell]!, 3);
      // Inside: the turned blur, within a tenth of a grey level of blurring the turned plane.
      expect(maxDifference(sampled, exact)).toBeLessThan(0.25);
      expect(hamming(pdqFromGrid(sampled).hash, pdqFromGrid(exact).hash)).toBeLessThanOrEqual(4);
      // And most cells are read, not summed (64 px: a blur of one pixel reaches every edge).
      const summed = sampled.reduce((n, v, i) => n + (Math.abs(v - exact[i]!) < 1e-4 ? 1 : 0), 0);
      if (width >= 300) expect(summed).toBeLessThan(0.15 * 4096);
    }
  });

  it.each([
    [360, 240, 4, 0.9],
    [400, 300, -6.5, 0.8],
  ])('equal, for a %i × %i picture turned %s° and back, the PDQ of its straightened plane made, blurred and cropped to its central %s', (width, height, degrees, keep) => {
    const plane = lumaPlaneOf(turnedPixels(texturedPicture(width, height, 12), degrees), 640);
    const found = findTurnedPicture(plane)!;
    // The reference: the upright picture made pixel by pixel (bilinear, outside the plane 0).
    const [w, h] = [Math.round(found.width), Math.round(found.height)];
    const [cos, sin] = [Math.cos((found.degrees * Math.PI) / 180), Math.sin((found.degrees * Math.PI) / 180)];
    const upright = warped(plane, w, h, (x, y) => {
      const [dx, dy] = [x + 0.5 - w / 2, y + 0.5 - h / 2];
      return [found.centreX + dx * cos - dy * sin - 0.5, found.centreY + dx * sin + dy * cos - 0.5];
    });
    const box = centredBox(keep);
    const reference = gridOf(upright, box);
    expect(maxDifference(straightenedGrid(plane, found, box), reference)).toBeLessThan(0.01);
    expect(pdqFromGrid(straightenedGrid(plane, found, box)).hash).toBe(pdqFromGrid(reference).hash);
  });

  it.each([
    [300, 200, true], // window 3 along the rows: centred, read from the blur
    [600, 400, true], // window 5
    [512, 341, false], // window 4 leans one way: summed exactly instead
  ])('read from the blur of the %i × %i plane when the window is centred (%s), the mirrored grid is the same', (width, height, centred) => {
    const plane = lumaPlaneOf(texturedPicture(width, height, width + 1), 640);
    const blurred = { width, height, blurred: jaroszBlur(plane.luma, width, height) };
    const sampled = mirroredSample(blurred);
    if (!centred) return void expect(sampled).toBeNull();
    expect(maxDifference(sampled!, gridOf(mirrored(plane)))).toBeLessThan(0.01);
    expect(pdqFromGrid(sampled!).hash).toBe(pdqFromLuma(mirrored(plane).luma, width, height).hash);
  });
});

describe('cropPlane', () => {
  it('gives the luma of the cropped pixels, as the trimmed variant used to compute it', () => {
    const pixels = texturedPicture(320, 240, 9);
    const box = { left: 0.1, top: 0.05, right: 0.93, bottom: 0.8 };
    expect(cropPlane(lumaPlaneOf(pixels), box)).toEqual(lumaPlaneOf(cropPixels(pixels, box)));
  });
});

describe('binnedPlane', () => {
  it('averages whole bins, cut at the right and bottom edges, and leaves a small plane as it is', () => {
    const plane = { width: 5, height: 3, luma: Float32Array.from({ length: 15 }, (_, i) => i) };
    expect(binnedPlane(plane, 5)).toBe(plane);
    // Step 2: bins [0,1]×[0,1], [2,3]×[0,1], [4]×[0,1], then the last row alone.
    expect(binnedPlane(plane, 3)).toEqual({ width: 3, height: 2, luma: Float32Array.from([3, 5, 6.5, 10.5, 12.5, 14]) });
  });
});
