/**
 * Side blockhashes: blockhash's rule on three quarters of the photo, so that a caption or
 * watermark in the cut quarter leaves them unchanged; on synthetic pictures and on a real photo
 * of the corpus with ImageMagick's watermark (the full table is `pnpm eval:images`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hamming } from '../../hamming.js';
import { perceptualHashes } from '../../image-item.js';
import { decodeImage } from '../../node/decode.js';
import type { Pixels } from '../../pixels.js';
import { texturedPicture } from '../../test-support/pictures.js';
import { describeWithShared, sharedPath } from '../../test-support/shared.js';
import { blockhash256 } from '../blockhash/blockhash.js';
import { lumaPlaneOf, WHOLE } from '../pdq-variants/luma-plane.js';
import { blockhashSideHashes, blockhashSideSignals } from './signal.js';
import { blockhashOfBox, summedArea } from './side-blockhash.js';

const grey = (pixels: Pixels): Pixels => {
  const data = new Uint8Array(pixels.width * pixels.height * 3);
  for (let i = 0; i < pixels.width * pixels.height; i++) data.fill(pixels.data[i * 3]!, i * 3, i * 3 + 3);
  return { width: pixels.width, height: pixels.height, data };
};

/** Light text-like strokes over the bottom-right corner, as a watermark would sit. */
function watermark(pixels: Pixels): Pixels {
  const data = Uint8Array.from(pixels.data);
  const { width, height } = pixels;
  for (let y = Math.round(height * 0.82); y < Math.round(height * 0.94); y++) {
    for (let x = Math.round(width * 0.35); x < Math.round(width * 0.95); x++) if (x % 11 < 4 || y % 7 < 2) data.fill(250, (y * width + x) * 3, (y * width + x) * 3 + 3);
  }
  return { width, height, data };
}

describe('blockhash of a box', () => {
  it('is blockhash-256 itself on a grey picture whose sides divide into the 16 blocks', () => {
    for (const seed of [1, 2, 3]) {
      const picture = grey(texturedPicture(256, 192, seed));
      const plane = lumaPlaneOf(picture);
      expect(blockhashOfBox(plane, summedArea(plane), WHOLE)).toBe(blockhash256(picture));
    }
  });

  it('reads fractional block edges exactly: a box of a plane and the same pixels cut out agree', () => {
    const picture = grey(texturedPicture(200, 160, 4));
    const plane = lumaPlaneOf(picture);
    const table = summedArea(plane);
    // The top 80 % is rows 0..127 exactly: the same blocks as a 200 × 128 picture.
    const cut: Pixels = { width: 200, height: 128, data: picture.data.slice(0, 200 * 128 * 3) };
    const cutPlane = lumaPlaneOf(cut);
    expect(blockhashOfBox(plane, table, { left: 0, top: 0, right: 1, bottom: 0.8 })).toBe(blockhashOfBox(cutPlane, summedArea(cutPlane), WHOLE));
  });

  it('leaves out a flat box, whose bits would be ties', () => {
    const flat: Pixels = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 3).fill(90) };
    const plane = lumaPlaneOf(flat);
    expect(blockhashOfBox(plane, summedArea(plane), WHOLE)).toBeNull();
    expect(blockhashSideHashes(plane)).toEqual({});
  });
});

describe('side blockhashes', () => {
  it('keep a watermarked copy within the threshold on the side that leaves the watermark out', () => {
    const original = texturedPicture(400, 300, 5);
    const copy = watermark(original);
    const a = perceptualHashes(original).variants!;
    const b = perceptualHashes(copy).variants!;
    const top = blockhashSideSignals.find((s) => s.name === 'blockhashTop75')!;
    expect(hamming(a.blockhashTop75!, b.blockhashTop75!)).toBeLessThanOrEqual(top.threshold);
    expect(hamming(a.blockhashBottom75!, b.blockhashBottom75!)).toBeGreaterThan(hamming(a.blockhashTop75!, b.blockhashTop75!));
  });

  it('do not bring two different pictures within the threshold', () => {
    const a = perceptualHashes(texturedPicture(400, 300, 6)).variants!;
    const b = perceptualHashes(texturedPicture(400, 300, 7)).variants!;
    for (const signal of blockhashSideSignals) expect(hamming(a[signal.name]!, b[signal.name]!)).toBeGreaterThan(signal.threshold);
  });
});

describeWithShared('side blockhashes on a photo of the corpus', () => {
  // 0080 is wood grain: PDQ quality 26, so its PDQ never matches, and the text outweighs the
  // grain in the whole blockhash (30 bits, over the threshold of 20).
  it('find the watermarked copy of a low-texture photo that plain blockhash misses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'side-blockhash-'));
    try {
      const source = sharedPath('corpus', 'images', '0080.jpg');
      const copyPath = join(dir, 'watermark.jpg');
      try {
        execFileSync('convert', ['-version'], { stdio: 'ignore' });
      } catch {
        console.warn('ImageMagick (convert) is missing: the watermark case is skipped');
        return;
      }
      // The font make-variants.sh uses (fonts-dejavu): without -font, ImageMagick looks for Helvetica.
      execFileSync('convert', [source, '-gravity', 'southeast', '-font', 'DejaVu-Sans-Bold', '-pointsize', '57', '-fill', 'rgba(255,255,255,0.65)', '-stroke', 'rgba(0,0,0,0.65)', '-strokewidth', '1', '-annotate', '+28+28', '(c) SAMPLE 2024', '-quality', '90', copyPath]);
      const original = perceptualHashes(await decodeImage(readFileSync(source)));
      const copy = perceptualHashes(await decodeImage(readFileSync(copyPath)));
      expect(original.quality).toBeLessThan(50);
      expect(hamming(original.blockhash, copy.blockhash)).toBeGreaterThan(20);
      const best = Math.min(...blockhashSideSignals.map((s) => hamming(original.variants![s.name]!, copy.variants![s.name]!)));
      expect(best).toBeLessThanOrEqual(blockhashSideSignals[0]!.threshold);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
