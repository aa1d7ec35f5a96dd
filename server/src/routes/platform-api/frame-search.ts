/**
 * The index searches of a query video's frames: each usable frame's hashes (PDQ and variants) in
 * the stored frames' indexes and in the photos' indexes, with the platform's radii. An hour of
 * frames is ~30,000 searches, seconds on a large bank: `searchVideoFrames` runs them in slices
 * before the match, letting other requests in between, so one long video does not stall the
 * server; `frameSearch` then hands the results to the matcher (or searches at once, when called
 * without that step).
 */
import { pdqSignal, queryReach, signalType, type Match, type VideoItemInput } from '@disrupt/hash-core';
import type { FastifyInstance } from 'fastify';
import type { FrameHit } from '../../match/frame-index.js';
import { FRAME_FIELDS, frameSignalName, frameSignalType, searchFields, type FrameField } from '../../match/frame-signals.js';
import type { AuthenticatedPlatform } from '../../plugins/platform-auth.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;
/** Frames per search call, and the longest stretch of searching before other requests get a turn. */
const SLICE = 256;
const SLICE_MS = 20;

/** The hits of one kind of query hash (`field`) in one kind of stored hash (`stored`), per frame searched. */
export interface FrameSearchStep {
  field: FrameField;
  stored: FrameField;
  /** Positions in the query's frames of the frames searched (usable, carrying `field`). */
  positions: number[];
  /** Frames under the quality floor, searched closer (`underFloorQuery`) and in plain PDQ alone. */
  underFloor: boolean;
  /** Stored video frames, per frame searched. */
  frameHits: FrameHit[][];
  /** Stored photos, per frame searched. */
  photoHits: Match[][];
}

export const frameRadius = (platform: AuthenticatedPlatform, field: FrameField) => {
  const name = frameSignalName(field);
  return platform.thresholds[name] ?? frameSignalType(name)!.threshold;
};
const photoRadius = (platform: AuthenticatedPlatform, field: FrameField) => platform.thresholds[field] ?? signalType(field)!.threshold;

/**
 * The radius for query frames under the quality floor, for stored frames and photos of the plain
 * PDQ (`field` 'pdq'), or null when such frames are not searched at all.
 */
export function underFloorRadius(platform: AuthenticatedPlatform, photos: boolean): number | null {
  const under = frameSignalType(frameSignalName('pdq'))!.underFloorQuery;
  if (!under) return null;
  return Math.min(under.radius, photos ? photoRadius(platform, 'pdq') : frameRadius(platform, 'pdq'));
}

interface PlannedStep {
  field: FrameField;
  stored: FrameField;
  positions: number[];
  hashes: string[];
  underFloor: boolean;
}

/**
 * Per kind of query hash, the frames over the floor (searched in every kind it meets) and, for
 * plain PDQ, those under it that queryReach lets through (searched in the stored plain PDQ alone).
 */
function plan(item: VideoItemInput): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const field of FRAME_FIELDS) {
    const signal = frameSignalType(frameSignalName(field))!;
    const firm = { positions: [] as number[], hashes: [] as string[] };
    const under = { positions: [] as number[], hashes: [] as string[] };
    item.frames.forEach((frame, position) => {
      const hash = frame[field];
      if (hash === undefined) return;
      const into = frame.quality >= QUALITY_FLOOR ? firm : queryReach(signal, hash, frame.quality, signal.threshold) ? under : null;
      into?.positions.push(position);
      into?.hashes.push(hash);
    });
    if (firm.hashes.length > 0) for (const stored of searchFields(field)) steps.push({ field, stored, ...firm, underFloor: false });
    if (under.hashes.length > 0) steps.push({ field, stored: field, ...under, underFloor: true });
  }
  return steps;
}

function* slices(app: FastifyInstance, item: VideoItemInput, platform: AuthenticatedPlatform, out: FrameSearchStep[]): Generator<void> {
  for (const { field, stored, positions, hashes, underFloor } of plan(item)) {
    const step: FrameSearchStep = { field, stored, positions, underFloor, frameHits: [], photoHits: [] };
    out.push(step);
    const radii = underFloor
      ? { frames: underFloorRadius(platform, false)!, photos: underFloorRadius(platform, true)! }
      : { frames: frameRadius(platform, stored), photos: photoRadius(platform, stored) };
    for (let start = 0; start < hashes.length; start += SLICE) {
      const slice = hashes.slice(start, start + SLICE);
      step.frameHits.push(...app.bank.frames.searchMany(stored, slice, radii.frames));
      step.photoHits.push(...app.bank.searchEach(stored, slice, radii.photos));
      yield;
    }
  }
}

const searched = new WeakMap<VideoItemInput, FrameSearchStep[]>();

/** Searches the frames of every query video of a request ahead of the match, yielding to other requests. */
export async function searchVideoFrames(app: FastifyInstance, platform: AuthenticatedPlatform, items: readonly { item: { type: string } }[]): Promise<void> {
  let since = performance.now();
  for (const { item } of items) {
    if (item.type !== 'video') continue;
    const video = item as VideoItemInput;
    const steps: FrameSearchStep[] = [];
    for (const _ of slices(app, video, platform, steps)) {
      if (performance.now() - since < SLICE_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
    searched.set(video, steps);
  }
}

/** The search results of a query video: those of `searchVideoFrames`, or searched now. */
export function frameSearch(app: FastifyInstance, item: VideoItemInput, platform: AuthenticatedPlatform): FrameSearchStep[] {
  const done = searched.get(item);
  if (done) return done;
  const steps: FrameSearchStep[] = [];
  for (const _ of slices(app, item, platform, steps));
  return steps;
}
