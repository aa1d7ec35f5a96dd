/**
 * End-to-end interoperability with Meta's PDQ on real files, through BOTH decoders: the file is
 * decoded, pre-resized by our policy and hashed exactly as the CLI and the page do, then compared
 * with the reference algorithm run on the full-resolution pixels (Meta's rule 2: within 10 bits
 * for images of quality >= 80; different decoders and our pre-resize make exact equality
 * impossible here — the bit-exact check on identical pixels is pdq.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hamming, perceptualHashes } from '../index.js';
import { describeWithShared, readTsv, sharedPath } from '../test-support/shared.js';
import { decodeImage, type DecoderName } from './decode.js';

const MAX_BITS = 10;

interface Case {
  file: string;
  path: string;
  pdq: string;
  quality: number;
}

function cases(tsv: string, dir: string, hashColumn: string, qualityColumn: string): Case[] {
  return readTsv(sharedPath(tsv)).map((row) => ({ file: row.file!, path: sharedPath(dir, row.file!), pdq: row[hashColumn]!, quality: Number(row[qualityColumn]) }));
}

async function distances(list: Case[], decoder: DecoderName) {
  const out: { file: string; distance: number; quality: number; ours: number }[] = [];
  for (const c of list) {
    const pixels = await decodeImage(readFileSync(c.path), { decoder });
    const ours = perceptualHashes(pixels);
    out.push({ file: c.file, distance: hamming(ours.pdq, c.pdq), quality: c.quality, ours: ours.quality });
  }
  return out;
}

function overLimit(results: { file: string; distance: number; quality: number }[]) {
  return results.filter((r) => r.quality >= 80 && r.distance > MAX_BITS).map((r) => `${r.file}: ${r.distance} bits`);
}

describeWithShared('PDQ end to end against the full-resolution reference', () => {
  describe.each(['sharp', 'fallback'] as const)('decoder %s', (decoder) => {
    it('corpus/images (jpeg.tsv): every photo of quality >= 80 within 10 bits', async () => {
      const results = await distances(cases('reference/pdq/jpeg.tsv', 'corpus/images', 'pdq', 'quality'), decoder);
      expect(results.length).toBe(180);
      expect(results.filter((r) => r.quality >= 80).length).toBeGreaterThan(150);
      expect(overLimit(results)).toEqual([]);
      // quality is computed from the same 64×64: it must agree closely too
      expect(results.filter((r) => Math.abs(r.ours - r.quality) > 5).map((r) => r.file)).toEqual([]);
    });

    it('corpus/large (large.tsv, 1600–5120 px, pre-resized to 2048): within 10 bits', async () => {
      const results = await distances(cases('reference/pdq/large.tsv', 'corpus/large', 'pdq', 'quality'), decoder);
      expect(results.length).toBe(14);
      expect(overLimit(results)).toEqual([]);
    });

    it("Meta's sample images (expected.tsv, pdq_full_res): within 10 bits", async () => {
      const results = await distances(cases('reference/pdq/meta/expected.tsv', 'reference/pdq/meta/images', 'pdq_full_res', 'quality_full_res'), decoder);
      expect(results.length).toBeGreaterThanOrEqual(15);
      expect(overLimit(results)).toEqual([]);
    });
  });

  it('one photo in 14 colour modes and formats (modes.tsv): each within 10 bits, with sharp', async () => {
    const results = await distances(cases('reference/pdq/meta/modes.tsv', 'reference/pdq/meta/modes', 'pdq_full_res', 'quality_full_res'), 'sharp');
    expect(results.length).toBe(14);
    expect(results.filter((r) => r.distance > MAX_BITS).map((r) => `${r.file}: ${r.distance}`)).toEqual([]);
  });

  it("the CMYK sample is exactly Meta's reference with either decoder (jpeg-js with Pillow's CMYK formula, as the page)", async () => {
    // sharp's colour-managed conversion (its default CMYK profile) gave 6 bits here.
    const cmyk = cases('reference/pdq/meta/modes.tsv', 'reference/pdq/meta/modes', 'pdq_full_res', 'quality_full_res').filter((c) => c.file === 'CMYK.jpg');
    expect(cmyk).toHaveLength(1);
    for (const decoder of ['sharp', 'fallback'] as const) expect((await distances(cmyk, decoder))[0]!.distance).toBe(0);
  });

  it('the same modes with the fallback decoder, for the formats it reads (PNG, JPEG)', async () => {
    const all = cases('reference/pdq/meta/modes.tsv', 'reference/pdq/meta/modes', 'pdq_full_res', 'quality_full_res');
    const readable = all.filter((c) => /\.(png|jpe?g)$/i.test(c.file));
    expect(readable.length).toBeGreaterThanOrEqual(8);
    const results = await distances(readable, 'fallback');
    expect(results.filter((r) => r.distance > MAX_BITS).map((r) => `${r.file}: ${r.distance}`)).toEqual([]);
  });
});
