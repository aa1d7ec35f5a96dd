/**
 * The scoring behind `pnpm eval:variant-tail` follows the server's rule: plain PDQ at 31, turned
 * query hashes at 24, the query's PDQ in every stored variant, like-for-like variants, the trimmed
 * PDQ against stored PDQ and trimmed PDQ; pairs from an excluded photo are not scored.
 */
import { describe, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { hexToWords } from './distractors.js';
import { listPhotos, loadPhotos } from './distractors-photos.js';
import { mirrorBlockhash, PDQ_QUALITY_FLOOR } from '@disrupt/hash-core';
import { ALSO_SEARCHED, alsoSearched, DISTANCES, emptyBank, generateVariantChunk, HISTOGRAM_SIZE, mirroredQuery, SCORE_OFFSET, scorePairs, setVariants, variantScores, type VariantQuery } from './variant-tail.js';

const zero = '0'.repeat(64);
/** A hash with its first `bits` bits set. */
const withBits = (bits: number) => {
  const words = new Uint32Array(8);
  for (let b = 0; b < bits; b++) words[b >> 5]! |= 1 << (31 - (b & 31));
  return [...words].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
};

function query(dihedral: string[], variants: Record<string, string | number> = {}, excluded: number[] = []): VariantQuery {
  const words = new Uint32Array(64);
  dihedral.forEach((h, d) => hexToWords(h, words, d * 8));
  const bank = emptyBank(1);
  setVariants(bank, 0, variants);
  return { dihedral: words, variants: bank, alsoSearched: alsoSearched(variants), excluded };
}

/** The scores of one query against one distractor (plain PDQ `plain`, variants `variants`, from photo 7), variants at ≤ `radius`. */
function score(q: VariantQuery, plain: string, variants: Record<string, string | number> = {}, radius = 31) {
  const bank = emptyBank(1);
  hexToWords(plain, bank.plain, 0);
  setVariants(bank, 0, variants);
  bank.sources[0] = 7;
  const plainHist = new Float64Array(HISTOGRAM_SIZE);
  const joint = new Float64Array(HISTOGRAM_SIZE * DISTANCES);
  const perQuery = { radii: [radius], hists: new Float64Array(2 * HISTOGRAM_SIZE) };
  scorePairs([q], bank, plainHist, joint, undefined, perQuery);
  const fullHist = variantScores(joint, radius);
  const at = (h: Float64Array) => (h.findIndex((c) => c > 0) < 0 ? null : h.findIndex((c) => c > 0) - SCORE_OFFSET);
  // The query's own histograms (the per-query tail's input) say the same as the pooled ones.
  expect([at(perQuery.hists.subarray(0, HISTOGRAM_SIZE)), at(perQuery.hists.subarray(HISTOGRAM_SIZE))]).toEqual([at(plainHist), at(fullHist)]);
  return { plain: at(plainHist), full: at(fullHist) };
}

/** `hex` with its first `n` bits inverted. */
const flipBits = (hex: string, n: number) => {
  const words = hexToWords(hex);
  for (let b = 0; b < n; b++) words[b >> 5]! ^= 1 << (31 - (b & 31));
  return [...words].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
};

/** Blockhash scores of one pair: the whole at 20, with the sides at 16, the server's rule for a photo PDQ cannot hash on the values as sent, with the query's mirror, with its framed picture. */
function blockhashScores(q: Record<string, string>, stored: Record<string, string>): number[] {
  const bank = emptyBank(1);
  setVariants(bank, 0, stored);
  const hists = Array.from({ length: 3 + ALSO_SEARCHED.length }, () => new Float64Array(HISTOGRAM_SIZE));
  scorePairs([query(eight(zero), q)], bank, new Float64Array(HISTOGRAM_SIZE), new Float64Array(HISTOGRAM_SIZE * DISTANCES), hists);
  return hists.map((h) => h.findIndex((c) => c > 0) - SCORE_OFFSET);
}

const eight = (first: string, rest = withBits(200)) => [first, ...Array.from({ length: 7 }, () => rest)];

describe('variant tail scoring', () => {
  it('scores plain PDQ at 31 and the turned hashes at 24', () => {
    expect(score(query(eight(withBits(31))), zero)).toEqual({ plain: 0, full: 0 });
    expect(score(query(eight(withBits(100), withBits(24))), zero)).toEqual({ plain: 0, full: 0 });
    expect(score(query(eight(withBits(100), withBits(28))), zero)).toEqual({ plain: 4, full: 4 });
  });

  it('leaves out PDQ and its tilts under the quality floor (a query then only against stored PDQ, at 24), and keeps a crop that passes on its own', () => {
    const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET; // nothing compared
    const nothing = { plain: none, full: none };
    expect(score(query(eight(zero)), zero, { quality: 90, pdqTiltCw: zero })).toEqual({ plain: -31, full: -31 });
    expect(score(query(eight(zero)), zero, { quality: 30, pdqTiltCw: zero })).toEqual(nothing);
    // A query under the floor: its plain PDQ against the stored PDQ alone, at 24; none at quality 0.
    expect(score(query(eight(zero), { quality: 30 }), zero, { quality: 90 })).toEqual({ plain: -24, full: -24 });
    expect(score(query(eight(zero), { quality: 30 }), zero, { quality: 30 })).toEqual(nothing);
    expect(score(query(eight(zero), { quality: 0 }), zero, { quality: 90 })).toEqual(nothing);
    expect(score(query(eight(zero), { quality: 30 }), withBits(128), { quality: 90, pdqCenter80: zero })).toEqual({ plain: 128 - 24, full: 128 - 24 }); // not the crop
    expect(score(query(eight(zero), { quality: 90, pdqTiltCw: zero }), withBits(128), { quality: 90, pdqTiltCw: zero })).toEqual({ plain: 72 - 24, full: -31 });
    expect(score(query(eight(zero), { quality: 30, pdqTiltCw: zero }), withBits(128), { quality: 90, pdqTiltCw: zero }).full).toBe(128 - 24); // not its tilt
    expect(score(query(eight(zero), { quality: 90, pdqCenter80: zero }), withBits(128), { quality: 30, pdqCenter80: zero })).toEqual({ plain: nothing.plain, full: -31 });
  });

  it('finds the query PDQ in a stored crop, and like-for-like variants, only in the full rule', () => {
    // The 7 turned query hashes have 200 bits set: 72 from `far`, 50 from withBits(250).
    const far = withBits(128);
    expect(score(query(eight(withBits(10))), far, { pdqCenter90: zero })).toEqual({ plain: 72 - 24, full: 10 - 31 });
    expect(score(query(eight(far), { pdqTop80: withBits(5) }), withBits(250), { pdqTop80: zero })).toEqual({ plain: 50 - 24, full: 5 - 31 });
    // The trimmed PDQ meets the stored plain one, but one variant never meets another.
    expect(score(query(eight(far), { pdqTrimmed: withBits(3) }), zero)).toEqual({ plain: 128 - 31, full: 3 - 31 });
    expect(score(query(eight(far), { pdqLeft90: zero }), withBits(250), { pdqRight90: zero })).toEqual({ plain: 50 - 24, full: 50 - 24 });
  });

  it('scores the query\'s mirror as the server searches it: its PDQ among the stored crops, its crops as unflipped ones', () => {
    const far = withBits(128);
    const mirrored = (hashes: Record<string, string>) => ({ ...query(eight(far)), mirrored: mirroredQuery({ quality: 100, mirrored: hashes }) });
    expect(score(mirrored({ pdq: withBits(6) }), withBits(250), { pdqCenter90: zero })).toEqual({ plain: 50 - 24, full: 6 - 31 });
    expect(score(mirrored({ pdqTrimmed: withBits(4) }), zero)).toEqual({ plain: 128 - 31, full: 4 - 31 });
    // Not in the stored tilts, nor the stored plain PDQ (the stored mirror covers a flip alone).
    expect(score(mirrored({ pdq: zero }), withBits(250), { pdqTiltCw: zero })).toEqual({ plain: 50 - 24, full: 50 - 24 });
    expect(score(mirrored({ pdq: zero }), withBits(60))).toEqual({ plain: 68 - 31, full: 68 - 31 }); // the query's own PDQ, 68 bits away; not its mirror's 60
  });

  it('applies the variants\' radius to their comparisons only', () => {
    const far = withBits(128);
    expect(score(query(eight(withBits(27))), far, { pdqCenter90: zero }, 26)).toEqual({ plain: 72 - 24, full: 1 });
    expect(score(query(eight(far), { pdqTrimmed: withBits(29) }), zero, {}, 26)).toEqual({ plain: 128 - 31, full: -2 }); // trimmed → pdq stays at 31
  });

  it('scores blockhash apart: the whole at 20, then also each side against the same side at 16; never a uniform picture\'s', () => {
    const bh = (q: Record<string, string>, stored: Record<string, string>) => blockhashScores(q, stored).slice(0, 2);
    const some = withBits(100); // matchable: its bands are neither all 0 nor all 1
    const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
    expect(bh({ blockhash: some }, { blockhash: withBits(110) })).toEqual([10 - 20, 10 - 20]);
    expect(bh({ blockhash: some, blockhashTop75: some }, { blockhash: withBits(160), blockhashTop75: withBits(103), blockhashBottom75: some })).toEqual([60 - 20, 3 - 16]);
    expect(bh({ blockhashLeft75: some }, { blockhashRight75: some })).toEqual([none, none]); // one side never meets another
    expect(bh({ blockhash: zero }, { blockhash: zero })).toEqual([none, none]); // uniform pictures
  });

  it("scores the server's rule for photos PDQ cannot hash: at 20 (sides 16) when both values are detailed, else the whole within 6 and no side", () => {
    const rule = (q: Record<string, string>, stored: Record<string, string>) => blockhashScores(q, stored).slice(1, 3);
    const detailed = withBits(100).replace(/^(.{16})/, '0f0f0f0f0f0f0f0f').replace(/(.{16})$/, 'a5a5a5a5a5a5a5a5'); // many boundaries
    const coarse = withBits(100); // the first 100 blocks bright: 6 rows and a bit, 17 boundaries
    expect(rule({ blockhash: detailed }, { blockhash: flipBits(detailed, 12) })).toEqual([12 - 20, 12 - 20]);
    expect(rule({ blockhash: coarse }, { blockhash: withBits(112) })).toEqual([12 - 20, 12 - 6]);
    expect(rule({ blockhash: coarse }, { blockhash: withBits(106) })).toEqual([6 - 20, 6 - 6]);
    // A coarse side never meets another; a detailed one does at 16.
    expect(rule({ blockhashTop75: coarse }, { blockhashTop75: withBits(104) })).toEqual([4 - 16, HISTOGRAM_SIZE - 1 - SCORE_OFFSET]);
    expect(rule({ blockhashTop75: detailed }, { blockhashTop75: flipBits(detailed, 15) })).toEqual([15 - 16, 15 - 16]);
  });

  it("scores the query's mirrored blockhash by the same rule, and takes the better score", () => {
    const mirrored = (q: Record<string, string>, stored: Record<string, string>) => blockhashScores(q, stored).slice(2, 4);
    const detailed = withBits(100).replace(/^(.{16})/, '0f0f0f0f0f0f0f0f').replace(/(.{16})$/, 'a5a5a5a5a5a5a5a5');
    const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
    expect(mirrored({ blockhash: detailed }, { blockhash: flipBits(mirrorBlockhash(detailed), 9) })).toEqual([expect.any(Number), 9 - 20]);
    expect(mirrored({ blockhashLeft75: detailed }, { blockhashRight75: flipBits(mirrorBlockhash(detailed), 3) })).toEqual([none, none]); // sides are not mirrored
    expect(mirrored({ blockhash: detailed }, { blockhash: flipBits(detailed, 5) })).toEqual([5 - 20, 5 - 20]);
  });

  it('scores the framed picture\'s blockhash as a whole one, after the rest', () => {
    const detailed = withBits(100).replace(/^(.{16})/, '0f0f0f0f0f0f0f0f').replace(/(.{16})$/, 'a5a5a5a5a5a5a5a5');
    const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
    expect(blockhashScores({ blockhashFramed: flipBits(detailed, 7) }, { blockhash: detailed }).slice(2)).toEqual([none, none, 7 - 20]);
  });

  it('scores a blockhash against a distractor\'s framed value too, but not the mirror', () => {
    const detailed = withBits(100).replace(/^(.{16})/, '0f0f0f0f0f0f0f0f').replace(/(.{16})$/, 'a5a5a5a5a5a5a5a5');
    const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
    expect(blockhashScores({ blockhash: detailed }, { blockhashFramed: flipBits(detailed, 4) }).slice(2)).toEqual([4 - 20, 4 - 20, 4 - 20]);
    // The query's mirror is the stored framed value, but the server searches a mirror in stored blockhash only.
    const [asSent, withMirror] = blockhashScores({ blockhash: mirrorBlockhash(detailed) }, { blockhashFramed: detailed }).slice(2, 4);
    expect(asSent).toBeGreaterThan(0);
    expect(withMirror).toBe(asSent);
    expect(blockhashScores({ blockhashFramed: detailed }, { blockhashFramed: flipBits(detailed, 2) }).slice(2)).toEqual([none, none, 2 - 20]);
  });

  it('leaves out pairs made from an excluded photo', () => {
    expect(score(query(eight(zero), {}, [7]), zero)).toEqual({ plain: null, full: null });
  });
});

describeWithShared('variant tail banks', () => {
  it('keeps the photos the server indexes, or with --quality low only the others (blockhash meets those at 20)', async () => {
    const photos = await loadPhotos(listPhotos([sharedPath('corpus/images')]).slice(0, 4));
    const indexed = generateVariantChunk(photos, 1, 0, 6, 'indexed');
    const low = generateVariantChunk(photos, 1, 0, 6, 'low');
    expect([...indexed.quality].every((q) => q >= PDQ_QUALITY_FLOOR)).toBe(true);
    expect([...low.quality].every((q) => q < PDQ_QUALITY_FLOOR)).toBe(true);
    expect(low.count).toBe(6);
    // Each carries its blockhash unless the picture is uniform (never matched).
    expect(low.blockhashPresent.reduce((s, x) => s + x, 0)).toBeGreaterThan(0);
  });
});
