/**
 * Invariants of the distractor generator behind `pnpm eval:distractors`, on a tiny bank cut from
 * 4 corpus photos.
 */
import { pdq, PDQ_QUALITY_FLOOR } from '@disrupt/hash-core';
import { beforeAll, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import {
  concatBanks,
  deserializeBank,
  fromPhotos,
  generateChunk,
  hamming,
  hexToWords,
  NO_SOURCE,
  serializeBank,
  SOURCES,
  type Bank,
  type Photo,
} from './distractors.js';
import { listPhotos, loadPhotos } from './distractors-photos.js';

describeWithShared('distractor bank', () => {
  let photos: Photo[];
  let bank: Bank;
  const originals = new Uint32Array(4 * 8);

  beforeAll(async () => {
    const files = listPhotos([sharedPath('corpus/images')]).slice(0, 4);
    photos = await loadPhotos(files);
    photos.forEach((p, i) => hexToWords(pdq({ width: p.width, height: p.height, data: p.rgb }).hash, originals, i * 8));
    bank = concatBanks([generateChunk(photos, 7, 0, 1500), generateChunk(photos, 7, 1, 1500)]);
  });

  it('has the requested count, only quality ≥ 50, and valid sources', () => {
    expect(bank.count).toBe(3000);
    expect(bank.attempted).toBeGreaterThanOrEqual(3000);
    for (let i = 0; i < bank.count; i++) {
      expect(bank.quality[i]).toBeGreaterThanOrEqual(PDQ_QUALITY_FLOOR);
      const s = Array.from(bank.sources.subarray(i * SOURCES, i * SOURCES + SOURCES)).filter((x) => x !== NO_SOURCE);
      expect(s.length).toBeGreaterThan(0);
      expect(new Set(s).size).toBe(s.length);
      for (const p of s) expect(p).toBeLessThan(photos.length);
    }
  });

  it('never equals its source photo, and is deterministic per chunk', () => {
    for (let i = 0; i < bank.count; i++) {
      const s = bank.sources[i * SOURCES]!;
      expect(hamming(bank.words, i, originals, s)).toBeGreaterThan(0);
    }
    const again = generateChunk(photos, 7, 1, 1500);
    expect(Array.from(again.words)).toEqual(Array.from(bank.words.subarray(1500 * 8)));
    const other = generateChunk(photos, 8, 1, 1500);
    expect(Array.from(other.words)).not.toEqual(Array.from(again.words));
  });

  it('round-trips through the cache file', () => {
    const { bank: back } = deserializeBank(serializeBank(bank, {}));
    expect(back.count).toBe(bank.count);
    expect(Array.from(back.words)).toEqual(Array.from(bank.words));
    expect(Array.from(back.sources)).toEqual(Array.from(bank.sources));
  });

  it("excludes exactly the distractors made from the query's own photo", () => {
    // Some crops of photo 0 lie within the threshold of photo 0 itself: all must be excluded.
    let ownNear = 0;
    for (let i = 0; i < bank.count; i++) {
      const own = fromPhotos(bank, i, new Set([0]));
      const listed = Array.from(bank.sources.subarray(i * SOURCES, i * SOURCES + SOURCES)).includes(0);
      expect(own).toBe(listed);
      if (hamming(bank.words, i, originals, 0) <= 31) {
        ownNear++;
        expect(own).toBe(true);
      }
    }
    expect(fromPhotos(bank, 0, new Set())).toBe(false);
    expect(ownNear).toBeGreaterThanOrEqual(0);
  });
});
