import { describe, expect, it } from 'vitest';
import { hamming } from '../hamming.js';
import { formatHash } from '../hex.js';
import { flipRandom, prng, randomHash, type Rng } from '../index/test-support/random-hashes.js';
import { matchVideo, estimatedInterval, type FramePairMatch, type MatchableVideo } from './video-match.js';

type Frame = MatchableVideo['frames'][number];

/** `seconds` of distinct content: one random PDQ per second. */
function content(rnd: Rng, seconds: number): string[] {
  return Array.from({ length: seconds }, () => formatHash(randomHash(rnd)));
}

/** A video sampled every `interval` s over `hashes` (one per second), each re-encoded (`noise` bits flipped). */
function sampled(hashes: readonly string[], rnd: Rng, { interval = 1, noise = 8, quality = 100 } = {}): MatchableVideo {
  const frames: Frame[] = [];
  for (let t = 0; t < hashes.length; t += interval) {
    const source = hashes[Math.floor(t)]!;
    frames.push({ t, pdq: noise ? formatHash(flipRandom(parseWords(source), noise, rnd)) : source, quality });
  }
  return { frames, frameInterval: interval };
}

function parseWords(hex: string): Uint32Array {
  return Uint32Array.from({ length: 8 }, (_, i) => parseInt(hex.slice(i * 8, i * 8 + 8), 16));
}

/** What the index would report: every pair within 31 bits (brute force). */
function pairsOf(query: MatchableVideo, stored: MatchableVideo): FramePairMatch[] {
  const pairs: FramePairMatch[] = [];
  query.frames.forEach((qf, q) =>
    stored.frames.forEach((sf, s) => {
      const distance = hamming(qf.pdq, sf.pdq);
      if (distance <= 31) pairs.push({ q, s, distance });
    }),
  );
  return pairs;
}

const match = (query: MatchableVideo, stored: MatchableVideo, options = {}) => matchVideo(query, stored, pairsOf(query, stored), options);

describe('matchVideo', () => {
  const rnd = prng(8);
  const clip = content(rnd, 12);
  const other = content(rnd, 200);

  it('matches a re-encoded copy by the set rule, over its whole length', () => {
    const result = match(sampled(clip, rnd), sampled(clip, rnd));
    expect(result).toMatchObject({ rule: 'set', queryShare: 1, storedShare: 1, matchedSeconds: 12, queryRange: [0, 11], storedRange: [0, 11], frames: 12 });
    expect(result!.distance).toBeLessThanOrEqual(16);
  });

  it('counts the pairs met through a mirrored PDQ, by either rule, and says nothing when there are none', () => {
    const query = sampled(clip, rnd);
    const stored = sampled(clip, rnd);
    const flippedPairs = (pairs: FramePairMatch[]) => pairs.map((p) => ({ ...p, mirrored: true }));
    expect(matchVideo(query, stored, flippedPairs(pairsOf(query, stored)))).toMatchObject({ rule: 'set', frames: 12, mirroredFrames: 12 });
    expect(match(query, stored)!.mirroredFrames).toBeUndefined();
    const host = sampled([...other.slice(0, 20), ...clip], rnd); // the clip at 20..31 s: a segment
    const pairs = pairsOf(host, stored).map((p, k) => (k % 2 === 0 ? { ...p, mirrored: true } : p));
    const result = matchVideo(host, stored, pairs);
    expect(result).toMatchObject({ rule: 'segment', frames: 12 });
    expect(result!.mirroredFrames).toBe(pairs.filter((p) => p.mirrored).length);
  });

  it('matches a copy with its first 3 seconds cut by the set rule', () => {
    const trimmed = sampled(clip.slice(3), rnd);
    const result = match(trimmed, sampled(clip, rnd));
    expect(result).toMatchObject({ rule: 'set', queryShare: 1, storedShare: 0.75, queryRange: [0, 8], storedRange: [3, 11] });
  });

  it('finds a clip embedded in the middle of a longer video by the segment rule, with both time ranges', () => {
    const host = [...other.slice(0, 100), ...clip, ...other.slice(100, 150)]; // clip at 100..111 s
    const result = match(sampled(host, rnd), sampled(clip, rnd));
    expect(result).toMatchObject({ rule: 'segment', matchedSeconds: 12, queryRange: [100, 111], storedRange: [0, 11], frames: 12 });
    expect(result!.queryShare).toBeLessThan(0.1); // the set rule alone misses it
  });

  it('finds a clip cut out of a longer stored video (set rule: all of the query matches)', () => {
    const long = [...other.slice(0, 60), ...clip, ...other.slice(60, 120)];
    const result = match(sampled(clip.slice(2, 9), rnd), sampled(long, rnd));
    expect(result).toMatchObject({ rule: 'set', queryShare: 1, queryRange: [0, 6], storedRange: [62, 68] });
    expect(result!.storedShare).toBeLessThan(0.1);
  });

  it('needs minSegmentSeconds of frames advancing together', () => {
    const host = (seconds: number) => sampled([...other.slice(0, 50), ...clip.slice(0, seconds), ...other.slice(50, 100)], rnd);
    expect(match(host(2), sampled(clip, rnd))).toBeNull();
    expect(match(host(3), sampled(clip, rnd))).toMatchObject({ rule: 'segment', matchedSeconds: 3, queryRange: [50, 52] });
    expect(match(host(3), sampled(clip, rnd), { minSegmentSeconds: 5 })).toBeNull();
  });

  it('does not chain matched frames whose offsets disagree (scattered, not a segment)', () => {
    // The clip's seconds in the host appear out of order: each frame matches, but never 3 in step.
    const shuffled = [clip[7]!, clip[2]!, clip[10]!, clip[0]!, clip[5]!, clip[9]!];
    const host = sampled([...other.slice(0, 20), ...shuffled.flatMap((h, i) => [h, other[20 + i]!]), ...other.slice(40, 60)], rnd);
    expect(pairsOf(host, sampled(clip, rnd)).length).toBeGreaterThanOrEqual(6);
    expect(match(host, sampled(clip, rnd))).toBeNull();
  });

  it('tolerates a missing matched frame inside a segment (a gap of up to two intervals)', () => {
    const damaged = [...clip];
    damaged[5] = other[0]!;
    const host = sampled([...other.slice(10, 40), ...damaged, ...other.slice(40, 80)], rnd);
    expect(match(host, sampled(clip, rnd))).toMatchObject({ rule: 'segment', matchedSeconds: 12, frames: 11 });
  });

  it('keeps a segment through a static scene in step in both videos (every frame matches every frame)', () => {
    const still = Array.from({ length: 10 }, () => clip[0]!);
    const host = sampled([...other.slice(0, 20), ...still, ...other.slice(20, 40)], rnd, { noise: 0 });
    const result = match(host, sampled([...still, ...clip.slice(1, 5)], rnd, { noise: 0 }));
    expect(result).toMatchObject({ rule: 'segment', matchedSeconds: 10, queryRange: [20, 29], frames: 10 });
    expect(result!.storedRange[1] - result!.storedRange[0]).toBe(9);
  });

  it('never matches unrelated videos', () => {
    expect(match(sampled(content(rnd, 30), rnd), sampled(content(rnd, 30), rnd))).toBeNull();
    expect(matchVideo(sampled(clip, rnd), sampled(clip, rnd), [])).toBeNull();
  });

  it('never counts frames under quality 50, on either side', () => {
    const blurry = sampled(clip, rnd, { quality: 40 });
    expect(pairsOf(blurry, sampled(clip, rnd)).length).toBe(12);
    expect(match(blurry, sampled(clip, rnd))).toBeNull();
    expect(match(sampled(clip, rnd), blurry)).toBeNull();
    // Only the good frames count towards the query's share.
    const mixed = sampled(clip, rnd);
    mixed.frames.forEach((f, i) => i < 6 && Object.assign(f, { quality: 10 }));
    expect(match(mixed, sampled(clip, rnd))).toMatchObject({ rule: 'set', queryShare: 1, queryRange: [6, 11], frames: 6 });
  });


  it('counts frames under the floor with underFloor, on either side: within its radius, towards the segment rule only', () => {
    const underFloor = { minQuality: 1, radius: 24 };
    const stored = sampled(clip, rnd, { noise: 0 });
    const dim = (noise: number, quality = 30) => sampled(clip, rnd, { noise, quality });
    expect(match(dim(8), stored, { underFloor })).toMatchObject({ rule: 'segment', matchedSeconds: 12, queryShare: 1, distance: 8, frames: 12, underFloorFrames: 12 });
    expect(match(dim(25), stored, { underFloor })).toBeNull(); // 25 bits: over the closer radius
    expect(match(dim(8, 0), stored, { underFloor })).toBeNull(); // under minQuality
    // A video stored dim, met by a dim copy or by the video as it was (brightened), not at minQuality 0.
    const storedDim = sampled(clip, rnd, { noise: 0, quality: 30 });
    expect(match(dim(8), storedDim, { underFloor })).toMatchObject({ rule: 'segment', matchedSeconds: 12, storedShare: 1, distance: 8 });
    expect(match(sampled(clip, rnd), storedDim, { underFloor })).toMatchObject({ rule: 'segment', matchedSeconds: 12 });
    expect(match(dim(8), { ...storedDim, frames: storedDim.frames.map((f) => ({ ...f, quality: 0 })) }, { underFloor })).toBeNull();
    expect(match(dim(8), storedDim)).toBeNull(); // without the option
    // Two seconds of dim frames are no segment, and the set rule does not read them.
    const glimpse = { frames: dim(0).frames.slice(3, 5), frameInterval: 1 };
    expect(match(glimpse, stored, { underFloor })).toBeNull();
    // A copy half bright, half dim: the set rule on the bright half, the dim half in the share reported.
    const mixed = sampled(clip, rnd);
    mixed.frames.forEach((f, i) => i < 6 && Object.assign(f, { quality: 10 }));
    expect(match(mixed, stored, { underFloor })).toMatchObject({ rule: 'set', queryShare: 1, queryRange: [6, 11], frames: 6 });
    expect(match(mixed, stored, { underFloor })!.underFloorFrames).toBeUndefined(); // the set rule reads none
    const unmatched = { ...mixed, frames: mixed.frames.map((f, i) => (i < 6 ? { ...f, pdq: formatHash(randomHash(rnd)) } : f)) };
    expect(match(unmatched, stored, { underFloor })).toMatchObject({ rule: 'set', queryShare: 1, frames: 6 });
  });
  it('ignores pairs beyond maxDistance and pairs naming frames that do not exist', () => {
    const query = sampled(clip, rnd);
    const stored = sampled(clip, rnd);
    const pairs = pairsOf(query, stored);
    expect(matchVideo(query, stored, pairs, { maxDistance: 0 })).toBeNull();
    expect(matchVideo(query, stored, [{ q: 99, s: 0, distance: 0 }])).toBeNull();
  });

  it('applies the set rule’s configurable shares', () => {
    const half = sampled([...clip.slice(0, 6), ...other.slice(0, 6)], rnd);
    expect(match(half, sampled(clip, rnd), { minSegmentSeconds: 100 })).toBeNull();
    expect(match(half, sampled(clip, rnd), { queryShare: 0.5, minSegmentSeconds: 100 })).toMatchObject({ rule: 'set', queryShare: 0.5 });
    expect(match(half, sampled(clip, rnd), { queryShare: 0.5, storedShare: 0.6, minSegmentSeconds: 100 })).toBeNull();
  });

  it('follows a segment across different sampling intervals (a long video sampled every 2 s)', () => {
    const long = content(rnd, 600);
    const stored = sampled(long, rnd, { interval: 2 });
    const query = sampled([...other.slice(0, 20), ...long.slice(300, 320), ...other.slice(20, 40)], rnd);
    const result = match(query, stored);
    expect(result).toMatchObject({ rule: 'segment', queryRange: [20, 38], storedRange: [300, 318], frames: 10 });
    expect(result!.matchedSeconds).toBeGreaterThanOrEqual(18);
  });

  it('estimates the interval from timestamps when the item does not give it (vPDQ text)', () => {
    expect(estimatedInterval({ frames: [0, 0.933, 1.933, 2.933].map((t) => ({ t, pdq: clip[0]!, quality: 100 })) })).toBe(1);
    expect(estimatedInterval({ frames: [{ t: 0, pdq: clip[0]!, quality: 100 }] })).toBe(1);
    expect(estimatedInterval({ frames: [], frameInterval: 2.5 })).toBe(2.5);
  });
});
