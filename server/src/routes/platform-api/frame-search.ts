/**
 * The index searches of a query video's frames: each usable frame's hashes (PDQ and variants) in
 * the stored frames' indexes and in the photos' indexes, with the platform's radii; frames under
 * PDQ's quality floor, on either side, by their plain PDQ and closer (`FrameReach`). An hour of
 * frames is ~30,000 searches, seconds on a large bank: `searchVideoFrames` runs them in slices
 * before the match, letting other requests in between, so one long video does not stall the
 * server; `frameSearch` then hands the results to the matcher (or searches at once, when called
 * without that step).
 */
import { pdqSignal, queryReach, signalType, type Match, type VideoItemInput } from '@disrupt/hash-core';
import type { FastifyInstance } from 'fastify';
import type { FrameHit } from '../../match/frame-index.js';
import { FRAME_FIELDS, frameSignalName, frameSignalType, searchFields, UNDER_FLOOR_FIELDS, type FrameField } from '../../match/frame-signals.js';
import { platformRadius, type AuthenticatedPlatform } from '../../plugins/platform-auth.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;
/** Frames per search call, and the longest stretch of searching before other requests get a turn. */
const SLICE = 256;
const SLICE_MS = 20;

/**
 * Which frames a step searches, and where: `firm`, frames over the quality floor in every stored
 * kind their kind meets; `underFloor`, plain PDQ under the floor (queryReach lets it through) in
 * the stored plain PDQ and its mirror, closer; `dimStored`, plain and mirrored PDQ of any quality
 * it allows in the stored frames under the floor, closer (videos only: such pairs count towards
 * the segment rule alone).
 */
export type FrameReach = 'firm' | 'underFloor' | 'dimStored';

/** The hits of one kind of query hash (`field`) in one kind of stored hash (`stored`), per frame searched. */
export interface FrameSearchStep {
  field: FrameField;
  stored: FrameField;
  reach: FrameReach;
  /** Positions in the query's frames of the frames searched (carrying `field`). */
  positions: number[];
  /** Stored video frames, per frame searched. */
  frameHits: FrameHit[][];
  /** Stored photos, per frame searched (none for `dimStored`). */
  photoHits: Match[][];
}

export const frameRadius = (platform: AuthenticatedPlatform, field: FrameField) => platformRadius(platform, frameSignalType(frameSignalName(field))!);
const photoRadius = (platform: AuthenticatedPlatform, field: FrameField) => platformRadius(platform, signalType(field)!);

const PLAIN_FRAME = frameSignalType(frameSignalName('pdq'))!;

/**
 * The rule for frames under the quality floor, sent or stored (frame-signals.ts gives both sides
 * pdq's underFloorQuery), with the platform's frame threshold when smaller: `minQuality` and the
 * radius, or null when they never match.
 */
export function underFloorRule(platform: AuthenticatedPlatform): { minQuality: number; radius: number } | null {
  const under = PLAIN_FRAME.underFloorQuery;
  return under ? { minQuality: under.minQuality, radius: Math.min(under.radius, frameRadius(platform, 'pdq')) } : null;
}

/**
 * The query frame kinds searched among the stored frames under the floor, whose plain PDQ alone
 * is indexed: the frame's plain PDQ, and its mirror for a copy flipped left to right (the pair the
 * stored mirror would make, as UNDER_FLOOR_FIELDS does the other way).
 */
const DIM_QUERY_FIELDS: readonly FrameField[] = UNDER_FLOOR_FIELDS;

interface PlannedStep {
  field: FrameField;
  stored: FrameField;
  reach: FrameReach;
  positions: number[];
  hashes: string[];
}

/** The searches of a query video's frames, per kind of query hash and reach. */
function plan(item: VideoItemInput): PlannedStep[] {
  const steps: PlannedStep[] = [];
  const dimFrom = PLAIN_FRAME.underFloorStored?.minQuality;
  for (const field of FRAME_FIELDS) {
    const signal = frameSignalType(frameSignalName(field))!;
    const lists = { firm: [] as number[], underFloor: [] as number[], dimStored: [] as number[] };
    item.frames.forEach((frame, position) => {
      const hash = frame[field];
      if (hash === undefined) return;
      if (frame.quality >= QUALITY_FLOOR) lists.firm.push(position);
      else if (signal.underFloorQuery && queryReach(signal, hash, frame.quality, signal.threshold)) lists.underFloor.push(position);
      if (DIM_QUERY_FIELDS.includes(field) && dimFrom !== undefined && frame.quality >= dimFrom) lists.dimStored.push(position);
    });
    const step = (reach: FrameReach, stored: FrameField) => {
      const positions = lists[reach];
      if (positions.length > 0) steps.push({ field, stored, reach, positions, hashes: positions.map((p) => item.frames[p]![field]!) });
    };
    for (const stored of searchFields(field)) step('firm', stored);
    for (const stored of UNDER_FLOOR_FIELDS) step('underFloor', stored);
    step('dimStored', 'pdq');
  }
  return steps;
}

function* slices(app: FastifyInstance, item: VideoItemInput, platform: AuthenticatedPlatform, out: FrameSearchStep[]): Generator<void> {
  const under = underFloorRule(platform);
  for (const { field, stored, reach, positions, hashes } of plan(item)) {
    const step: FrameSearchStep = { field, stored, reach, positions, frameHits: [], photoHits: [] };
    out.push(step);
    if (reach !== 'firm' && !under) continue;
    for (let start = 0; start < hashes.length; start += SLICE) {
      const slice = hashes.slice(start, start + SLICE);
      if (reach === 'firm') {
        step.frameHits.push(...app.bank.frames.searchMany(stored, slice, frameRadius(platform, stored)));
        step.photoHits.push(...app.bank.searchEach(stored, slice, photoRadius(platform, stored)));
      } else if (reach === 'underFloor') {
        step.frameHits.push(...app.bank.frames.searchMany(stored, slice, Math.min(under!.radius, frameRadius(platform, stored))));
        step.photoHits.push(...app.bank.searchEach(stored, slice, Math.min(under!.radius, photoRadius(platform, stored))));
      } else {
        step.frameHits.push(...app.bank.frames.searchDim(slice, under!.radius));
      }
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
