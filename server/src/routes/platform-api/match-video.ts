/**
 * Video matching, for /v1/match and /v1/match/file (called from match-query.ts):
 * - a query video: exact digests first, then each usable frame (quality ≥ 50) and its variants in
 *   the frame indexes; frame pairs are grouped per stored video and judged by hash-core's rules
 *   (set rule, segment rule), reported with the rule, the matched seconds, both time ranges and
 *   the best frame distance. Frames under the floor (a dim room, a darkened copy), sent or
 *   stored, meet the other's plain PDQ alone, closer, and count towards the segment rule only
 *   (frame-search.ts). Its frames are also searched among stored photos (a slideshow or a screen
 *   recording of a photo): the best frame per photo, with its time in the query.
 * - a query photo: also searched among stored video frames (a screenshot of a video), reported
 *   with the time of the frame in the stored video; under the floor, by its plain PDQ, closer.
 * Which hash is compared with which follows the photos' rule (frame-signals.ts); radii are the
 * platform's thresholds for the frame signals (`vpdq`…), else the photo signals' defaults.
 */
import {
  ItemValidationError,
  matchVideo,
  md5Signal,
  parseVideoItemInput,
  pdqSignal,
  queryReach,
  sha256Signal,
  type FramePairMatch,
  type ImageItemInput,
  type VideoItemInput,
} from '@disrupt/hash-core';
import type { FastifyInstance } from 'fastify';
import { problems } from '../../errors.js';
import type { FrameHit } from '../../match/frame-index.js';
import { FRAME_FIELDS, FRAME_SIGNAL, frameSignalName, searchFields, UNDER_FLOOR_FIELDS, type FrameField } from '../../match/frame-signals.js';
import { videoMatchOptions } from '../../match/video-options.js';
import type { AuthenticatedPlatform } from '../../plugins/platform-auth.js';
import type { VideoEvidence } from '../../store/match-events-repository.js';
import { frameRadius, frameSearch, underFloorRule, type FrameSearchStep } from './frame-search.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;
/**
 * Stored frames kept per query frame and stored video. A still scene repeats one hash over many
 * frames (each query frame would pair with all of them); the closest few are enough for both rules.
 */
const MAX_PAIRS_PER_FRAME = 32;

/** What a video match adds to the usual match fields (also kept with the match event). */
export type MatchEvidence = VideoEvidence;

/** A stored item a query found (photo or video), as match-query.ts records and answers it. */
export interface EvidencedCandidate {
  itemId: number;
  /** The stored signal that matched. */
  signal: string;
  /** The query's signal, when another (plain PDQ against a stored crop). */
  query: string | null;
  distance: number;
  /** Which of the query's 8 dihedral hashes matched (0: as is), for PDQ. */
  variant: number | null;
  /** Video matches: the rule and time ranges, or the time of the matching frame. */
  evidence?: MatchEvidence;
  /** The query picture's PDQ quality, when under the floor (matched by the closer rule). */
  queryQuality?: number;
}

/** Validates a video query item and its `ref`, naming the field at fault. */
export function parseVideoQuery(fields: Record<string, unknown>, ref: string | undefined, path: string): { ref: string | null; item: VideoItemInput } {
  let item: VideoItemInput;
  try {
    item = parseVideoItemInput(fields, path);
  } catch (error) {
    if (error instanceof ItemValidationError) throw problems.invalid(error.field, error.reason);
    throw error;
  }
  if (ref !== undefined && isVideoFingerprint(item, ref)) throw problems.invalid(`${path}.ref`, 'must be your own reference for the content, not one of its fingerprints');
  return { ref: ref ?? null, item };
}

/** Whether `ref` is one of the video's own hashes (a ref is kept with the match; a hash must not be). */
function isVideoFingerprint(item: VideoItemInput, ref: string): boolean {
  const lower = ref.toLowerCase();
  if (item.sha256 === lower || item.md5 === lower) return true;
  return item.frames.some((frame) => FRAME_FIELDS.some((field) => frame[field] === lower));
}

const MIRRORED: FrameField = 'pdqMirrored';

/**
 * Every (query frame, stored frame) pair within radius, grouped by stored video, best distance per
 * pair, marked when that distance came through one side's mirrored PDQ.
 */
function framePairs(steps: readonly FrameSearchStep[]): Map<number, FramePairMatch[]> {
  // video → query frame → stored frame → the closest pair (and whether a mirrored PDQ made it)
  const best = new Map<number, Map<number, Map<number, { distance: number; mirrored: boolean }>>>();
  for (const { field, stored, positions, frameHits } of steps) {
    // One side's mirrored PDQ against the other's plain or variant hash: a flipped copy.
    const mirrored = (field === MIRRORED) !== (stored === MIRRORED);
    frameHits.forEach((hits, k) => {
      const q = positions[k]!;
      for (const hit of hits) {
        let byQuery = best.get(hit.itemId);
        if (!byQuery) best.set(hit.itemId, (byQuery = new Map()));
        let partners = byQuery.get(q);
        if (!partners) byQuery.set(q, (partners = new Map()));
        const known = partners.get(hit.seq);
        if (known === undefined ? partners.size < MAX_PAIRS_PER_FRAME : hit.distance < known.distance) partners.set(hit.seq, { distance: hit.distance, mirrored });
      }
    });
  }
  const grouped = new Map<number, FramePairMatch[]>();
  for (const [itemId, byQuery] of best) {
    const pairs: FramePairMatch[] = [];
    for (const [q, partners] of byQuery) for (const [s, { distance, mirrored }] of partners) pairs.push({ q, s, distance, ...(mirrored && { mirrored }) });
    grouped.set(itemId, pairs);
  }
  return grouped;
}

/** The largest radius used for frames: the rules must not drop pairs the index was allowed to find. */
function widestFrameRadius(platform: AuthenticatedPlatform): number {
  return Math.max(...FRAME_FIELDS.map((field) => frameRadius(platform, field)));
}

/** Matches of a query video, strongest evidence first: exact digests, stored videos, stored photos. */
export function videoCandidates(app: FastifyInstance, item: VideoItemInput, platform: AuthenticatedPlatform): EvidencedCandidate[] {
  const found = new Map<number, EvidencedCandidate>();
  const keep = (candidate: EvidencedCandidate) => {
    if (!found.has(candidate.itemId)) found.set(candidate.itemId, candidate);
  };
  for (const signal of [md5Signal, sha256Signal]) {
    const value = item[signal.name as 'md5' | 'sha256'];
    if (value === undefined) continue;
    for (const itemId of app.store.cases.findExact(signal.name, value)) keep({ itemId, signal: signal.name, query: null, distance: 0, variant: null });
  }

  const options = { ...videoMatchOptions(platform.thresholds), maxDistance: widestFrameRadius(platform), underFloor: underFloorRule(platform) };
  const query = { frames: item.frames, frameInterval: item.frameInterval };
  const steps = frameSearch(app, item, platform);
  const judged: EvidencedCandidate[] = [];
  for (const [itemId, pairs] of framePairs(steps)) {
    if (found.has(itemId)) continue;
    const stored = app.store.cases.videoFrames(itemId);
    if (stored.frames.length === 0) continue; // withdrawn since it was indexed
    const result = matchVideo(query, { frames: stored.frames, frameInterval: stored.interval ?? undefined }, pairs, options);
    if (!result) continue;
    const { distance, ...video } = result;
    judged.push({ itemId, signal: FRAME_SIGNAL, query: null, distance, variant: null, evidence: { video } });
  }
  judged.sort((a, b) => a.distance - b.distance || a.itemId - b.itemId).forEach(keep);

  for (const candidate of framesInPhotos(item, steps)) keep(candidate);
  return [...found.values()];
}

/**
 * A stored photo is reported when at least this many frames of the query video match it (a photo
 * on screen for 2 s at 1 frame/s), or when the query has fewer usable frames. One frame alone
 * would not do: a video is thousands of queries, and PDQ's coincidences at 31 bits (about 2 × 10⁻³
 * per query against 10M hashes, BENCHMARKS.md) would add up to several false matches per hour.
 */
const MIN_FRAMES_ON_PHOTO = 2;

/** The query video's frames among stored photos: per photo, the closest frame and its time. */
function framesInPhotos(item: VideoItemInput, steps: readonly FrameSearchStep[]): EvidencedCandidate[] {
  const best = new Map<number, EvidencedCandidate>();
  const framesOn = new Map<number, Set<number>>();
  // Every frame searched (under the floor too) was one more chance of a coincidence.
  const usable = new Set(steps.filter((step) => step.reach !== 'dimStored').flatMap((step) => step.positions)).size;
  for (const { field, stored, positions, photoHits } of steps) {
    photoHits.forEach((matches, k) => {
      const queryTime = item.frames[positions[k]!]!.t;
      for (const { id, distance } of matches) {
        let frames = framesOn.get(id);
        if (!frames) framesOn.set(id, (frames = new Set()));
        frames.add(positions[k]!);
        const known = best.get(id);
        if (!known || distance < known.distance) {
          best.set(id, { itemId: id, signal: stored, query: frameSignalName(field), distance, variant: null, evidence: { queryTime } });
        }
      }
    });
  }
  const needed = Math.min(MIN_FRAMES_ON_PHOTO, usable);
  return [...best.values()].filter((c) => framesOn.get(c.itemId)!.size >= needed).sort((a, b) => a.distance - b.distance || a.itemId - b.itemId);
}

/**
 * A query photo among stored video frames (a screenshot of a video): per video, the closest frame
 * and its time in the video. Only the photo's own orientation: frames are not turned.
 */
export function photoInVideos(app: FastifyInstance, item: ImageItemInput, platform: AuthenticatedPlatform): EvidencedCandidate[] {
  const best = new Map<number, { candidate: EvidencedCandidate; seq: number }>();
  const keep = (hits: readonly FrameHit[], field: FrameField, stored: FrameField, under?: { queryQuality: number }) => {
    for (const hit of hits) {
      const known = best.get(hit.itemId);
      if (known && known.candidate.distance <= hit.distance) continue;
      best.set(hit.itemId, { seq: hit.seq, candidate: { itemId: hit.itemId, signal: frameSignalName(stored), query: field, distance: hit.distance, variant: null, ...under } });
    }
  };
  if (item.quality !== undefined && item.quality < QUALITY_FLOOR) {
    // Under the floor, as among photos: the plain PDQ alone, against the frames' plain and mirrored PDQ, closer.
    const reach = item.pdq === undefined ? null : queryReach(pdqSignal, item.pdq, item.quality, frameRadius(platform, 'pdq'));
    for (const stored of reach ? UNDER_FLOOR_FIELDS : []) {
      const radius = Math.min(reach!.radius, frameRadius(platform, stored));
      keep(app.bank.frames.searchMany(stored, [item.pdq!], radius)[0] ?? [], 'pdq', stored, { queryQuality: item.quality });
    }
  } else {
    for (const field of FRAME_FIELDS) {
      const hash = (item as Record<string, unknown>)[field];
      if (typeof hash !== 'string') continue;
      for (const stored of searchFields(field)) keep(app.bank.frames.searchMany(stored, [hash], frameRadius(platform, stored))[0] ?? [], field, stored);
    }
  }
  const candidates: EvidencedCandidate[] = [];
  for (const { candidate, seq } of best.values()) {
    const storedTime = app.store.cases.frameTime(candidate.itemId, seq);
    if (storedTime !== undefined) candidates.push({ ...candidate, evidence: { storedTime } });
  }
  return candidates.sort((a, b) => a.distance - b.distance || a.itemId - b.itemId);
}
