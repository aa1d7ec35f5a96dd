/**
 * HEIC through libheif's WebAssembly build (decode/heif.ts), as the CLI and the browser worker both
 * run it: HEIF transformations, transparency, and each way a file can fail. decode.test.ts checks
 * the plain photo against the pattern with both decoder settings.
 */
import { describe, expect, it } from 'vitest';
import { failure, fixture, maxAbsDiff, meanAbsDiff } from '../test-support/images.js';
import { decodeImage } from './decode.js';
import { decodeHeifInNode } from './decode-heif.js';

/** A copy of a HEIF file whose primary item's `ispe` claims another size (nothing else changes). */
function withIspe(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = Buffer.from(out).indexOf('ispe');
  expect(at).toBeGreaterThan(0);
  const view = new DataView(out.buffer);
  view.setUint32(at + 8, width); // after the type: version and flags (4 bytes), width, height
  view.setUint32(at + 12, height);
  return out;
}

describe('HEIC decoding', () => {
  it('applies the HEIF transformations (imir, then irot) and ignores the EXIF orientation inside', async () => {
    // Stored transposed (128×192) with an EXIF orientation of 6, which HEIF readers must ignore.
    const image = await decodeImage(fixture('photo-transformed.heic'));
    expect([image.width, image.height]).toEqual([192, 128]);
    expect(meanAbsDiff(image, await decodeImage(fixture('pattern.png')))).toBeLessThan(2); // measured 0.95
  });

  it('keeps transparency, colour under alpha 0 included', async () => {
    const image = await decodeImage(fixture('transparent.heic'));
    const png = await decodeImage(fixture('transparent.png'));
    expect(maxAbsDiff(image, png)).toBeLessThanOrEqual(12); // lossy colour and alpha, measured 7
    expect(meanAbsDiff(image, png)).toBeLessThan(2);
    const alphaAt = (x: number) => image.data[(16 * image.width + x) * 4 + 3];
    expect([alphaAt(10), alphaAt(40)]).toEqual([255, 0]);
  });

  it('turns alpha marked premultiplied (a `prem` reference) back into straight alpha', async () => {
    // The same stored pixels as transparent.heic, only marked premultiplied: where alpha is
    // partial, each colour is divided by alpha (so it brightens), elsewhere nothing changes.
    const straight = await decodeImage(fixture('transparent.heic'));
    const marked = await decodeImage(fixture('transparent-premultiplied.heic'));
    const i = (16 * 96 + 90) * 4; // alpha 214 of 255
    expect(marked.data[i + 3]).toBe(straight.data[i + 3]);
    expect(marked.data[i]).toBe(Math.min(255, Math.round((straight.data[i]! * 255) / straight.data[i + 3]!)));
    const opaque = (16 * 96 + 10) * 4;
    expect([...marked.data.subarray(opaque, opaque + 4)]).toEqual([...straight.data.subarray(opaque, opaque + 4)]);
  });

  it('a HEIC whose coded image is noise is corrupt', async () => {
    const error = await failure(decodeImage(fixture('corrupt.heic')));
    expect([error.code, error.message]).toEqual(['corrupt', 'the HEIC/HEIF file is damaged: its image data could not be decoded']);
  });

  it('a HEIC cut short is truncated, from its boxes, before libheif runs', async () => {
    const bytes = fixture('photo.heic');
    for (const cut of [0.2, 0.5, 0.99]) {
      const error = await failure(decodeImage(bytes.subarray(0, Math.floor(bytes.length * cut))));
      expect([error.code, error.message]).toEqual(['truncated', 'the HEIC/HEIF file is incomplete: it ends before the image does (it may have been cut off while downloading or copying)']);
    }
  });

  it('a HEIC whose ispe claims 60000×60000 is refused from its header, before libheif runs', async () => {
    const started = performance.now();
    const error = await failure(decodeImage(withIspe(fixture('photo.heic'), 60000, 60000), { maxPixels: 100_000_000 }));
    expect([error.code, error.message]).toEqual(['too-many-pixels', 'the image is 60000×60000 = 3600 megapixels, over the limit of 100 megapixels']);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("libheif's own size is checked too, before it decodes (whatever preflight read)", () => {
    // Straight to the shared glue, past preflight: the image handle's size is checked first.
    expect(() => decodeHeifInNode(fixture('photo.heic'), 192 * 128 - 1)).toThrow(expect.objectContaining({ code: 'too-many-pixels' }));
    expect(decodeHeifInNode(fixture('photo.heic'), 192 * 128).width).toBe(192);
  });
});
