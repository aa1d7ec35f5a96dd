/**
 * False matches with the PDQ variants (`pnpm eval:variant-tail`): distractors carry the plain PDQ
 * and the 16 variants the server would store for them, queries the fingerprints our hasher sends,
 * and each query–distractor pair is scored by the server's own rule (match-query.ts):
 *
 *   plain: pdq against pdq at 31, the 7 turned/flipped query hashes at 24;
 *   full:  plain, plus the query's pdq against every stored variant, and each query variant in the
 *          stored signals its signal type names (`searchIn`: pdqTrimmed and pdqFramed also in the
 *          stored pdq, at PDQ's 31), at the variants' threshold.
 *
 * A pair's score is its smallest (distance − radius) over those comparisons: ≤ 0 is a match. The
 * variants' own threshold (28 today) is a parameter: the tool reports the tail at several.
 *
 * Blockhash is scored apart, as the server matches it apart: the whole blockhash against the
 * stored one, then also each side blockhash against the same side, at the sides' threshold, and
 * the same for the query's mirror (each value's `mirrored`, a left side in the stored right);
 * uniform pictures' values (not matchable) are never compared.
 */
import { BLOCKHASH_FRAMED, blockhash256, blockhashSideSignals, blockhashSignal, blockhashVariantSignals, coarseRadius, detailedBlockhash, pdq, pdqSignal, pdqVariantSignals, PDQ_QUALITY_FLOOR, searchedIn, searchedInMirrored, searchedUnderFloor, variantHashes } from '@disrupt/hash-core';
import { prng } from '../lib/prng.js';
import { CHUNK, fromPhotos, hamming, hexToWords, makeCandidate, NO_SOURCE, SOURCES, type Photo } from './distractors.js';

export const VARIANTS = pdqVariantSignals.map((s) => s.name);
export const BLOCKHASH_SIDES = blockhashSideSignals.map((s) => s.name);
export const BLOCKHASH_RADIUS = blockhashSignal.threshold;
export const BLOCKHASH_SIDE_RADIUS = blockhashSideSignals[0]!.threshold;
/** Blockhash's radius for a coarse value against a stored photo PDQ cannot hash. */
export const BLOCKHASH_COARSE_RADIUS = coarseRadius(blockhashSignal.whenPdqReliable!)!;
const matchable = (hash: string) => blockhashSignal.matchable?.(hash) ?? true;
/** Per query variant: whether it is searched in the stored plain PDQ, and in which stored variants (from the registry's searchIn). */
const SEARCHED = pdqVariantSignals.map((signal) => ({
  inPlain: searchedIn(signal).includes(pdqSignal.name),
  inVariants: searchedIn(signal).map((name) => VARIANTS.indexOf(name)).filter((v) => v >= 0),
}));
/** Offset added to a score so that it indexes a histogram (scores are ≥ −31). */
export const SCORE_OFFSET = 31;
export const HISTOGRAM_SIZE = 300;
const PDQ_RADIUS = 31;
/** match-query.ts's DIHEDRAL_THRESHOLD. */
const TURNED_RADIUS = 24;
/** A query's PDQ under the quality floor: its plain value against the stored PDQ alone, closer. */
const UNDER_FLOOR = pdqSignal.underFloorQuery!;
/** The stored variants it also meets (its mirror), as indexes in VARIANTS. */
const UNDER_FLOOR_VARIANTS = searchedUnderFloor(pdqSignal).map((name) => VARIANTS.indexOf(name)).filter((v) => v >= 0);

/** Hashes of many images: plain PDQ (8 words each) and each variant (8 words, with a presence flag). */
export interface VariantBank {
  count: number;
  plain: Uint32Array;
  variants: Uint32Array; // count × VARIANTS × 8 words
  present: Uint8Array; // count × VARIANTS
  sources: Uint16Array; // count × SOURCES photo indexes
  blockhash: Uint32Array; // count × 8 words
  blockhashPresent: Uint8Array; // count: a matchable blockhash
  sides: Uint32Array; // count × BLOCKHASH_SIDES × 8 words
  sidesPresent: Uint8Array; // count × BLOCKHASH_SIDES
  quality: Uint8Array; // count: PDQ quality
  /** Per blockhash (whole, then the 4 sides): enough boundaries between blocks for the full threshold (detailedBlockhash). */
  detailed: Uint8Array; // count × (1 + BLOCKHASH_SIDES)
  /** The blockhash of the picture inside its bars, when it has some (blockhashFramed), and whether it is detailed. */
  framed: Uint32Array; // count × 8 words
  framedPresent: Uint8Array; // count
  framedDetailed: Uint8Array; // count
}

export function emptyBank(count: number): VariantBank {
  return {
    count,
    plain: new Uint32Array(count * 8),
    variants: new Uint32Array(count * VARIANTS.length * 8),
    present: new Uint8Array(count * VARIANTS.length),
    sources: new Uint16Array(count * SOURCES).fill(NO_SOURCE),
    blockhash: new Uint32Array(count * 8),
    blockhashPresent: new Uint8Array(count),
    sides: new Uint32Array(count * BLOCKHASH_SIDES.length * 8),
    sidesPresent: new Uint8Array(count * BLOCKHASH_SIDES.length),
    quality: new Uint8Array(count),
    detailed: new Uint8Array(count * (1 + BLOCKHASH_SIDES.length)),
    framed: new Uint32Array(count * 8),
    framedPresent: new Uint8Array(count),
    framedDetailed: new Uint8Array(count),
  };
}

/**
 * Puts the variant hashes of `item` (field name → hex), its blockhash and sides, and its PDQ
 * quality at position `i`. A variant whose signal has a quality floor the item's quality is under
 * (a tilt of a flat photo) is left out, as the server neither indexes nor searches it.
 */
export function setVariants(bank: VariantBank, i: number, item: Readonly<Record<string, unknown>>): void {
  const quality = typeof item.quality === 'number' ? item.quality : 100; // none sent: the server applies no floor
  bank.quality[i] = quality;
  VARIANTS.forEach((name, v) => {
    const hash = item[name];
    if (typeof hash !== 'string') return;
    const floor = pdqVariantSignals[v]!.qualityFloor;
    if (floor !== undefined && quality < floor) return;
    hexToWords(hash, bank.variants, (i * VARIANTS.length + v) * 8);
    bank.present[i * VARIANTS.length + v] = 1;
  });
  if (typeof item.blockhash === 'string' && matchable(item.blockhash)) {
    hexToWords(item.blockhash, bank.blockhash, i * 8);
    bank.blockhashPresent[i] = 1;
    bank.detailed[i * (1 + BLOCKHASH_SIDES.length)] = detailedBlockhash(item.blockhash) ? 1 : 0;
  }
  const framed = item[BLOCKHASH_FRAMED];
  if (typeof framed === 'string' && matchable(framed)) {
    hexToWords(framed, bank.framed, i * 8);
    bank.framedPresent[i] = 1;
    bank.framedDetailed[i] = detailedBlockhash(framed) ? 1 : 0;
  }
  BLOCKHASH_SIDES.forEach((name, s) => {
    const hash = item[name];
    if (typeof hash !== 'string' || !matchable(hash)) return;
    hexToWords(hash, bank.sides, (i * BLOCKHASH_SIDES.length + s) * 8);
    bank.sidesPresent[i * BLOCKHASH_SIDES.length + s] = 1;
    bank.detailed[i * (1 + BLOCKHASH_SIDES.length) + 1 + s] = detailedBlockhash(hash) ? 1 : 0;
  });
}

/**
 * Which distractors a bank keeps: `indexed`, those whose PDQ the server indexes (quality ≥ 50);
 * `low`, the others, the stored photos blockhash is matched against at its full threshold; `all`,
 * both, as they come (1 in 30 under 50).
 */
export type BankQuality = 'indexed' | 'low' | 'all';

/** Chunk `chunk` of a distractor bank with variants (the same candidates as eval:distractors). */
export function generateVariantChunk(photos: readonly Photo[], seed: number, chunk: number, count = CHUNK, keep: BankQuality = 'indexed'): VariantBank {
  const rnd = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(chunk + 1, 0x85ebca6b));
  const bank = emptyBank(count);
  for (let i = 0; i < count; ) {
    const { img, sources } = makeCandidate(photos, rnd);
    const pixels = { width: img.width, height: img.height, data: img.rgb };
    const { hash, quality } = pdq(pixels);
    if (keep !== 'all' && (quality < PDQ_QUALITY_FLOOR) !== (keep === 'low')) continue;
    hexToWords(hash, bank.plain, i * 8);
    setVariants(bank, i, { quality, blockhash: blockhash256(pixels), ...variantHashes(pixels) });
    sources.forEach((p, k) => (bank.sources[i * SOURCES + k] = p));
    i++;
  }
  return bank;
}

export function concatVariantBanks(parts: readonly VariantBank[]): VariantBank {
  const out = emptyBank(parts.reduce((s, p) => s + p.count, 0));
  let at = 0;
  for (const p of parts) {
    out.plain.set(p.plain, at * 8);
    out.variants.set(p.variants, at * VARIANTS.length * 8);
    out.present.set(p.present, at * VARIANTS.length);
    out.sources.set(p.sources, at * SOURCES);
    out.blockhash.set(p.blockhash, at * 8);
    out.blockhashPresent.set(p.blockhashPresent, at);
    out.sides.set(p.sides, at * BLOCKHASH_SIDES.length * 8);
    out.sidesPresent.set(p.sidesPresent, at * BLOCKHASH_SIDES.length);
    out.quality.set(p.quality, at);
    out.detailed.set(p.detailed, at * (1 + BLOCKHASH_SIDES.length));
    out.framed.set(p.framed, at * 8);
    out.framedPresent.set(p.framedPresent, at);
    out.framedDetailed.set(p.framedDetailed, at);
    at += p.count;
  }
  return out;
}

/** A query as /v1/match receives it: the 8 dihedral hashes (8 × 8 words) and its variants. */
export interface VariantQuery {
  dihedral: Uint32Array;
  variants: VariantBank; // a bank of one
  /**
   * Its other blockhash queries, each a bank of one scored by the same rule, in this order: its
   * values mirrored (each where the server searches it), its framed picture's (as a whole blockhash).
   */
  alsoSearched?: readonly VariantBank[];
  /** Its picture's mirror (the item's `mirrored`): the plain PDQ (8 words) and the variants, each searched as the server does. */
  mirrored?: { plain: Uint32Array | null; variants: VariantBank };
  excluded: readonly number[];
}

/** Where the mirror's plain PDQ is searched, as indexes in VARIANTS (the stored crops and trimmed pictures). */
const MIRRORED_PLAIN_IN = searchedInMirrored(pdqSignal.name).map((name) => VARIANTS.indexOf(name)).filter((v) => v >= 0);

/** VariantQuery.mirrored of a query item (none when it has no `mirrored`). */
export function mirroredQuery(item: Readonly<Record<string, unknown>>): VariantQuery['mirrored'] {
  const mirrored = item.mirrored as Record<string, string> | undefined;
  if (!mirrored) return undefined;
  const { pdq: plain, ...variantHashes } = mirrored;
  const variants = emptyBank(1);
  setVariants(variants, 0, { quality: item.quality, ...variantHashes });
  return { plain: plain ? hexToWords(plain) : null, variants };
}

/** What `alsoSearched` holds, in order, and whether the server also searches it among stored framed values. */
export const ALSO_SEARCHED = [
  { label: 'the query\'s mirror', inStoredFramed: false }, // a mirror only in stored blockhash
  { label: 'its framed picture', inStoredFramed: true },
] as const;

/**
 * The item's blockhash values mirrored, each under the stored signal the server searches it in
 * (signal.mirrored: a left side's mirror among the right sides), with the item's quality.
 */
export function mirroredBlockhashes(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { quality: item.quality };
  for (const signal of [blockhashSignal, ...blockhashVariantSignals]) {
    const value = item[signal.name];
    if (signal.mirrored && typeof value === 'string') out[signal.mirrored.signal] = signal.mirrored.mirror(value);
  }
  return out;
}

/** The item's framed blockhash as a whole blockhash (the server compares it with stored ones), with its quality. */
export function framedAsWhole(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { quality: item.quality, ...(typeof item[BLOCKHASH_FRAMED] === 'string' && { blockhash: item[BLOCKHASH_FRAMED] }) };
}

/** The banks of one of VariantQuery.alsoSearched, for a query item. */
export function alsoSearched(item: Readonly<Record<string, unknown>>): VariantBank[] {
  return [mirroredBlockhashes(item), framedAsWhole(item)].map((values) => {
    const bank = emptyBank(1);
    setVariants(bank, 0, values);
    return bank;
  });
}

/** Distances 0..256, the second axis of the joint histogram. */
export const DISTANCES = 257;
/** The distance axis's last bin: no variant compared (256 bits apart does not happen otherwise). */
const NO_DISTANCE = DISTANCES - 1;

/**
 * For every (query, distractor) pair not made from an excluded photo:
 * - `plainHist[score + SCORE_OFFSET]`, the score under the plain rule;
 * - `joint[(fixed + SCORE_OFFSET) · DISTANCES + distance]`, where `fixed` is the score of the
 *   comparisons whose radius does not depend on the variants' threshold (plain and turned PDQ,
 *   the trimmed and framed PDQ against the stored PDQ, searched at PDQ's radius) and `distance` the
 *   smallest distance of those searched at a variant's threshold (the query's PDQ in every stored
 *   variant, each query variant in the stored variants it is searched in). `variantScores` turns it
 *   into the score at any variant threshold.
 * With `blockhash` (four histograms, indexed like `plainHist`): [0] the whole blockhash's score at
 * 20, [1] the smallest over it and the 4 sides at theirs (16); [2] the server's rule for a stored
 * photo PDQ cannot hash (the whole at 20 and sides at 16 when both values are detailed, else the
 * whole at 6, no side; the whole also against a distractor's framed value), then the same rule
 * with each of ALSO_SEARCHED added in turn (the last is the server's rule today).
 * A pair with nothing to compare lands in the last bin.
 * With `perQuery`, each query's own score histograms (for the per-query tail): the plain rule, then
 * the variants at each of `radii`, HISTOGRAM_SIZE bins each, query after query.
 */
export function scorePairs(
  queries: readonly VariantQuery[],
  bank: VariantBank,
  plainHist: Float64Array,
  joint: Float64Array,
  blockhash?: readonly Float64Array[],
  perQuery?: { radii: readonly number[]; hists: Float64Array },
): void {
  const n = VARIANTS.length;
  const sides = BLOCKHASH_SIDES.length;
  const none = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
  const rules = perQuery ? 1 + perQuery.radii.length : 0;
  for (const [i, q] of queries.entries()) {
    const excluded = new Set(q.excluded);
    const own = i * rules * HISTOGRAM_SIZE;
    const qv = q.variants;
    // PDQ under its quality floor is not indexed (the distractor's), and searched only as
    // pdqSignal.underFloorQuery says (the query's).
    const queryPdq = qv.quality[0]! >= PDQ_QUALITY_FLOOR;
    const underFloor = !queryPdq && qv.quality[0]! >= UNDER_FLOOR.minQuality;
    for (let j = 0; j < bank.count; j++) {
      if (fromPhotos(bank, j, excluded)) continue;
      const storedPdq = bank.quality[j]! >= PDQ_QUALITY_FLOOR;
      let plain = none;
      if (queryPdq && storedPdq) {
        plain = hamming(q.dihedral, 0, bank.plain, j) - PDQ_RADIUS;
        for (let d = 1; d < 8; d++) plain = Math.min(plain, hamming(q.dihedral, d, bank.plain, j) - TURNED_RADIUS);
      } else if (underFloor && storedPdq) {
        plain = hamming(q.dihedral, 0, bank.plain, j) - UNDER_FLOOR.radius;
        for (const v of UNDER_FLOOR_VARIANTS) {
          if (bank.present[j * n + v]) plain = Math.min(plain, hamming(q.dihedral, 0, bank.variants, j * n + v) - UNDER_FLOOR.radius);
        }
      }
      let fixed = plain;
      let distance = NO_DISTANCE;
      for (let v = 0; v < n; v++) {
        const stored = j * n + v;
        if (queryPdq && bank.present[stored]) distance = Math.min(distance, hamming(q.dihedral, 0, bank.variants, stored)); // pdq in every variant
        if (!qv.present[v]) continue;
        const searched = SEARCHED[v]!;
        if (searched.inPlain && storedPdq) fixed = Math.min(fixed, hamming(qv.variants, v, bank.plain, j) - PDQ_RADIUS);
        for (const w of searched.inVariants) {
          if (bank.present[j * n + w]) distance = Math.min(distance, hamming(qv.variants, v, bank.variants, j * n + w));
        }
      }
      // The query's mirror (a flipped copy cut or framed): as the server searches `mirrored`.
      const m = q.mirrored;
      if (m && queryPdq) {
        if (m.plain) for (const w of MIRRORED_PLAIN_IN) if (bank.present[j * n + w]) distance = Math.min(distance, hamming(m.plain, 0, bank.variants, j * n + w));
        for (let v = 0; v < n; v++) {
          if (!m.variants.present[v]) continue;
          const searched = SEARCHED[v]!;
          if (searched.inPlain && storedPdq) fixed = Math.min(fixed, hamming(m.variants.variants, v, bank.plain, j) - PDQ_RADIUS);
          for (const w of searched.inVariants) {
            if (bank.present[j * n + w]) distance = Math.min(distance, hamming(m.variants.variants, v, bank.variants, j * n + w));
          }
        }
      }
      plainHist[plain + SCORE_OFFSET]++;
      joint[(fixed + SCORE_OFFSET) * DISTANCES + distance]++;
      if (perQuery) {
        perQuery.hists[own + plain + SCORE_OFFSET]++;
        perQuery.radii.forEach((r, k) => perQuery.hists[own + (k + 1) * HISTOGRAM_SIZE + Math.min(fixed, distance === NO_DISTANCE ? none : distance - r) + SCORE_OFFSET]++);
      }
      if (!blockhash) continue;
      const whole = qv.blockhashPresent[0] && bank.blockhashPresent[j] ? hamming(qv.blockhash, 0, bank.blockhash, j) - BLOCKHASH_RADIUS : none;
      let family = whole;
      for (let s = 0; s < sides; s++) {
        if (qv.sidesPresent[s] && bank.sidesPresent[j * sides + s]) family = Math.min(family, hamming(qv.sides, s, bank.sides, j * sides + s) - BLOCKHASH_SIDE_RADIUS);
      }
      blockhash[0]![whole + SCORE_OFFSET]++;
      blockhash[1]![family + SCORE_OFFSET]++;
      let rule = blockhashRule(qv, bank, j);
      blockhash[2]![rule + SCORE_OFFSET]++;
      q.alsoSearched?.forEach((also, k) => {
        rule = Math.min(rule, blockhashRule(also, bank, j, ALSO_SEARCHED[k]!.inStoredFramed));
        blockhash[3 + k]![rule + SCORE_OFFSET]++;
      });
    }
  }
}

/**
 * The server's blockhash score of a query (a bank of one) against distractor `j`, a photo PDQ
 * cannot hash: the whole at 20 and the sides at 16 when both values are detailed, else the whole
 * within 6 and no side.
 */
function blockhashRule(qv: VariantBank, bank: VariantBank, j: number, inStoredFramed = true): number {
  const sides = BLOCKHASH_SIDES.length;
  const details = 1 + sides;
  let rule = HISTOGRAM_SIZE - 1 - SCORE_OFFSET;
  if (qv.blockhashPresent[0]) {
    const whole = (words: Uint32Array, detailed: number) => hamming(qv.blockhash, 0, words, j) - (qv.detailed[0] && detailed ? BLOCKHASH_RADIUS : BLOCKHASH_COARSE_RADIUS);
    if (bank.blockhashPresent[j]) rule = whole(bank.blockhash, bank.detailed[j * details]!);
    // blockhash and blockhashFramed are also searched among stored framed values (not the mirror).
    if (inStoredFramed && bank.framedPresent[j]) rule = Math.min(rule, whole(bank.framed, bank.framedDetailed[j]!));
  }
  for (let s = 0; s < sides; s++) {
    if (!qv.sidesPresent[s] || !bank.sidesPresent[j * sides + s] || !qv.detailed[1 + s] || !bank.detailed[j * details + 1 + s]) continue;
    rule = Math.min(rule, hamming(qv.sides, s, bank.sides, j * sides + s) - BLOCKHASH_SIDE_RADIUS);
  }
  return rule;
}

/** The histogram of scores (indexed by score + SCORE_OFFSET) when the variants match at ≤ `radius`. */
export function variantScores(joint: Float64Array, radius: number): Float64Array {
  const out = new Float64Array(HISTOGRAM_SIZE);
  for (let f = 0; f < HISTOGRAM_SIZE; f++) {
    for (let d = 0; d < DISTANCES; d++) {
      const count = joint[f * DISTANCES + d]!;
      if (count) out[d === NO_DISTANCE ? f : Math.min(f, d - radius + SCORE_OFFSET)]! += count;
    }
  }
  return out;
}
