/**
 * When does a query video match a stored one, given the frame pairs the PDQ index found? Two rules,
 * pure functions so the server and the evaluation scripts apply the same ones:
 *
 * - the **set rule** (Meta's vPDQ): each video is a set of unique frame hashes; it holds when the
 *   share of the query's frames that match reaches `queryShare` (80 %) and the stored video's
 *   reaches `storedShare` (0). Order-free, so it survives re-encodes, trims and frame-rate changes,
 *   but a 10 s clip inside a 10 min video is 2 % of it: missed.
 * - the **segment rule**: at least `minSegmentSeconds` (3) of matched frames whose timestamps
 *   advance together in both videos (a constant offset tq − ts, give or take a sampling interval,
 *   gaps of up to two intervals allowed). That is a clip cut out of, or embedded in, a longer video.
 *
 * Frames under quality 50 (PDQ is not relied on there) count only with `underFloor` (a video
 * filmed in a dim room, or a darkened copy), on either side, within that closer radius, and only
 * towards the segment rule: there, seconds of frames must agree in step; alone, one such frame of
 * a long video would be a single coincidence deciding the set rule.
 */
import { PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR } from '../signals/pdq/pdq.js';
import type { UnderFloorQuery } from '../signals/signal-type.js';
import { DEFAULT_FRAME_INTERVAL, type VideoFrame } from './video-item.js';

/** One frame of the query (`q`, an index into its frames) near one stored frame (`s`). */
export interface FramePairMatch {
  q: number;
  s: number;
  distance: number;
  /** Met through one side's mirrored PDQ (a copy flipped left to right). */
  mirrored?: boolean;
}

/** A video as the rules read it: its frames and, when known, its sampling interval (seconds). */
export interface MatchableVideo {
  frames: readonly Pick<VideoFrame, 't' | 'pdq' | 'quality'>[];
  frameInterval?: number;
}

export interface VideoMatchOptions {
  /** Set rule: share of the query's unique frames that must match (0..1). */
  queryShare?: number;
  /** Set rule: share of the stored video's unique frames that must match (0..1). */
  storedShare?: number;
  /** Segment rule: seconds of frames advancing together in both videos. */
  minSegmentSeconds?: number;
  /** Pairs farther apart than this are ignored (the index normally filters them already). */
  maxDistance?: number;
  /** How frames under the quality floor may count, on either side (absent or null: they do not). */
  underFloor?: UnderFloorQuery | null;
}

export const DEFAULT_VIDEO_MATCH_OPTIONS: Required<VideoMatchOptions> = {
  queryShare: 0.8,
  storedShare: 0,
  minSegmentSeconds: 3,
  maxDistance: PDQ_MATCH_THRESHOLD,
  underFloor: null,
};

export interface VideoMatch {
  rule: 'set' | 'segment';
  /**
   * Share of the query's unique comparable frame hashes that match (0..1): those of quality 50 and
   * more, and those under it that matched.
   */
  queryShare: number;
  /** Share of the stored video's unique comparable frame hashes that match (0..1), the same way. */
  storedShare: number;
  /** Seconds of the query covered by the matched frames (for a segment: its length). */
  matchedSeconds: number;
  /** First and last matched timestamps in the query, seconds. */
  queryRange: [number, number];
  /** First and last matched timestamps in the stored video, seconds. */
  storedRange: [number, number];
  /** Best (smallest) frame distance among the pairs counted. */
  distance: number;
  /** Number of matched frame pairs counted. */
  frames: number;
  /** Of those, the pairs with a frame under the quality floor (a dim video): absent when none. */
  underFloorFrames?: number;
  /** Of those, the pairs met through a frame's mirrored PDQ (a flipped copy): absent when none. */
  mirroredFrames?: number;
}

/**
 * What a match event keeps of the video evidence (times and shares, never a hash), as the server
 * stores it and the console shows it: the set or segment match of two videos, or the time of the
 * frame a photo matched (`storedTime`: in the stored video; `queryTime`: in the platform's).
 */
export interface VideoEvidence {
  video?: Omit<VideoMatch, 'distance'>;
  storedTime?: number;
  queryTime?: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The median gap between successive frames: the sampling interval, when the item does not say. */
export function estimatedInterval(video: MatchableVideo): number {
  if (video.frameInterval && video.frameInterval > 0) return video.frameInterval;
  const gaps: number[] = [];
  for (let i = 1; i < video.frames.length; i++) {
    const gap = video.frames[i]!.t - video.frames[i - 1]!.t;
    if (gap > 0) gaps.push(gap);
  }
  if (gaps.length === 0) return DEFAULT_FRAME_INTERVAL;
  gaps.sort((a, b) => a - b);
  return round3(gaps[gaps.length >> 1]!);
}

function uniqueUsableHashes(video: MatchableVideo): Set<string> {
  const hashes = new Set<string>();
  for (const frame of video.frames) if (frame.quality >= PDQ_QUALITY_FLOOR) hashes.add(frame.pdq);
  return hashes;
}

/** The pairs that count: both frames over the floor, or else both over `underFloor`'s minimum within its radius. */
function usablePairs(query: MatchableVideo, stored: MatchableVideo, pairs: readonly FramePairMatch[], settings: Required<VideoMatchOptions>): FramePairMatch[] {
  const under = settings.underFloor;
  return pairs.filter((p) => {
    const q = query.frames[p.q];
    const s = stored.frames[p.s];
    if (q === undefined || s === undefined || p.distance > settings.maxDistance) return false;
    if (q.quality >= PDQ_QUALITY_FLOOR && s.quality >= PDQ_QUALITY_FLOOR) return true;
    return under != null && q.quality >= under.minQuality && s.quality >= under.minQuality && p.distance <= under.radius;
  });
}

// Loops, not Math.min(...list): a static scene can yield millions of pairs.
function rangeOf(times: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [round3(lo), round3(hi)];
}

function bestDistance(pairs: readonly FramePairMatch[]): number {
  let best = Infinity;
  for (const p of pairs) if (p.distance < best) best = p.distance;
  return best;
}

interface Segment {
  pairs: FramePairMatch[];
  seconds: number;
  distance: number;
}

/**
 * The longest run of pairs whose offset tq − ts stays within a band of one interval or so and whose
 * query timestamps advance by at most ~2 intervals between matches. Offsets are bucketed by the
 * tolerance, and each pair of neighbouring buckets is scanned in query time: O(P log P).
 */
function longestSegment(query: MatchableVideo, stored: MatchableVideo, pairs: FramePairMatch[]): Segment | null {
  const qInterval = estimatedInterval(query);
  const sInterval = estimatedInterval(stored);
  const tolerance = Math.max(qInterval, sInterval) * 1.01;
  const maxQueryGap = 2.5 * qInterval;
  const maxStoredGap = 2.5 * sInterval + tolerance;
  const offsetOf = (p: FramePairMatch) => query.frames[p.q]!.t - stored.frames[p.s]!.t;

  const buckets = new Map<number, FramePairMatch[]>();
  for (const p of pairs) {
    const key = Math.floor(offsetOf(p) / tolerance);
    let list = buckets.get(key);
    if (!list) buckets.set(key, (list = []));
    list.push(p);
  }
  let best: Segment | null = null as Segment | null;
  for (const [key, list] of buckets) {
    const candidates = [...list, ...(buckets.get(key + 1) ?? [])];
    // In query order; one stored partner per query frame is chosen below.
    candidates.sort((a, b) => a.q - b.q || a.s - b.s || a.distance - b.distance);
    let run: FramePairMatch[] = [];
    const close = () => {
      if (run.length === 0) return;
      const first = query.frames[run[0]!.q]!.t;
      const last = query.frames[run[run.length - 1]!.q]!.t;
      const seconds = last - first + qInterval; // each sampled frame stands for one interval
      const distance = bestDistance(run);
      if (!best || seconds > best.seconds || (seconds === best.seconds && distance < best.distance)) best = { pairs: run, seconds, distance };
      run = [];
    };
    for (let i = 0; i < candidates.length; ) {
      // All pairs of one query frame: keep the one that best continues the run (a static scene
      // matches many stored frames), else the closest.
      let end = i;
      while (end < candidates.length && candidates[end]!.q === candidates[i]!.q) end++;
      const previous = run[run.length - 1];
      const drift = (p: FramePairMatch) => (previous ? Math.abs(offsetOf(p) - offsetOf(previous)) : 0);
      let p = candidates[i]!;
      for (let j = i + 1; j < end; j++) {
        const c = candidates[j]!;
        if (drift(c) < drift(p) || (drift(c) === drift(p) && c.distance < p.distance)) p = c;
      }
      i = end;
      if (previous) {
        const dq = query.frames[p.q]!.t - query.frames[previous.q]!.t;
        const ds = stored.frames[p.s]!.t - stored.frames[previous.s]!.t;
        if (dq > maxQueryGap || ds < -tolerance || ds > maxStoredGap) close();
      }
      run.push(p);
    }
    close();
  }
  return best;
}

/**
 * Whether `query` matches `stored` given the frame pairs found by the index, and how: the set rule
 * when it holds (reported first, as vPDQ tools would), else the segment rule, else null.
 */
export function matchVideo(query: MatchableVideo, stored: MatchableVideo, pairs: readonly FramePairMatch[], options: VideoMatchOptions = {}): VideoMatch | null {
  const settings = { ...DEFAULT_VIDEO_MATCH_OPTIONS, ...options };
  const counted = usablePairs(query, stored, pairs, settings);
  if (counted.length === 0) return null;

  // The set rule reads the frames over the floor alone; the shares reported also count the frames
  // under it that matched.
  const firm = counted.filter((p) => query.frames[p.q]!.quality >= PDQ_QUALITY_FLOOR && stored.frames[p.s]!.quality >= PDQ_QUALITY_FLOOR);
  const queryHashes = uniqueUsableHashes(query);
  const storedHashes = uniqueUsableHashes(stored);
  const shareOf = (list: readonly FramePairMatch[], of: MatchableVideo, side: 'q' | 's', hashes: Set<string>) =>
    hashes.size === 0 ? 0 : new Set(list.map((p) => of.frames[p[side]]!.pdq)).size / hashes.size;
  const firmQueryShare = shareOf(firm, query, 'q', queryHashes);
  const firmStoredShare = shareOf(firm, stored, 's', storedHashes);
  const comparable = (of: MatchableVideo, side: 'q' | 's', hashes: Set<string>) => new Set([...hashes, ...counted.map((p) => of.frames[p[side]]!.pdq)]);
  const shares = {
    queryShare: round3(shareOf(counted, query, 'q', comparable(query, 'q', queryHashes))),
    storedShare: round3(shareOf(counted, stored, 's', comparable(stored, 's', storedHashes))),
  };

  if (firm.length > 0 && firmQueryShare >= settings.queryShare && firmStoredShare >= settings.storedShare) {
    const queryFrames = new Set(firm.map((p) => p.q));
    return {
      rule: 'set',
      ...shares,
      matchedSeconds: round3(queryFrames.size * estimatedInterval(query)),
      queryRange: rangeOf(firm.map((p) => query.frames[p.q]!.t)),
      storedRange: rangeOf(firm.map((p) => stored.frames[p.s]!.t)),
      distance: bestDistance(firm),
      frames: firm.length,
      ...mirroredCount(firm),
    };
  }
  const segment = longestSegment(query, stored, counted);
  if (!segment || segment.seconds < settings.minSegmentSeconds - 1e-6) return null;
  const underFloorFrames = segment.pairs.filter((p) => query.frames[p.q]!.quality < PDQ_QUALITY_FLOOR || stored.frames[p.s]!.quality < PDQ_QUALITY_FLOOR).length;
  return {
    rule: 'segment',
    ...shares,
    matchedSeconds: round3(segment.seconds),
    queryRange: rangeOf(segment.pairs.map((p) => query.frames[p.q]!.t)),
    storedRange: rangeOf(segment.pairs.map((p) => stored.frames[p.s]!.t)),
    distance: segment.distance,
    frames: segment.pairs.length,
    ...(underFloorFrames > 0 && { underFloorFrames }),
    ...mirroredCount(segment.pairs),
  };
}

/** `{ mirroredFrames }` when some of the pairs were met through a mirrored PDQ, else nothing. */
function mirroredCount(pairs: readonly FramePairMatch[]): { mirroredFrames?: number } {
  const mirroredFrames = pairs.filter((p) => p.mirrored).length;
  return mirroredFrames > 0 ? { mirroredFrames } : {};
}
